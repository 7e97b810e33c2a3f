"""Word lists for synthetic entity names (people, organisations, places, agreements...)."""

from __future__ import annotations


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


GIVEN = _words(
    "Jean Marie Pierre Anne Louis Claire François Hélène Jacques Élise Michel Sophie Philippe "
    "Isabelle Étienne Céline Benoît Aurélie Thérèse Jérôme Noël Agnès René Loïc Gaëlle "
    "Wei Li Ming Jian Hua Xiaoming Jing Lei Yan Hong Qiang Fang Jun Ying Zhiwei Xiuying Guoqiang "
    "Ahmed Fatima Mohamed Karim Leïla Youssef Nadia Omar Samira Rachid "
    "John Mary Robert Patricia Michael Jennifer David Elizabeth William Susan "
    "José María Carlos Lucía Javier Ana Andrés Sofía "
    "Sergueï Natalia Dmitri Olga Vladimir Irina Alexeï Tatiana "
    "Kenji Yuki Hiroshi Aiko Minh Linh Quang Thuy Rahul Priya Arjun Ananya"
)

SURNAMES = _words(
    "Martin Bernard Dubois Thomas Robert Richard Petit Durand Leroy Moreau Simon Laurent "
    "Lefèvre Michel García David Bertrand Roux Vincent Fournier Morel Girard André Mercier "
    "Dupont Lambert Bonnet François Martínez Légaré Bérenger Châtelain Gérard Fontaine "
    "Wang Li Zhang Liu Chen Yang Huang Zhao Wu Zhou Xu Sun Ma Zhu Hu Guo He Gao Lin Luo Zheng "
    "Liang Xie Song Tang Xu Han Feng Deng Cao Peng Zeng Xiao Tian Dong Yuan Pan Jiang Cai Yu "
    "Benali Haddad Mansouri Belkacem Khalil Saïdi Bouzid "
    "Smith Johnson Williams Brown Jones Miller Davis Wilson Anderson Taylor "
    "Rodríguez López González Hernández Pérez Sánchez Ramírez Torres "
    "Ivanov Petrov Smirnov Kuznetsov Popov Sokolov Volkov "
    "Tanaka Suzuki Nguyen Tran Pham Sharma Patel Gupta Singh"
)

SYLLABLES = _words(
    "ka lo vi ne ra mo su ta li en an ou ber gar del fon mar tin zan chu xin bei hao ling "
    "quan sor vel dra mir ost nov grad ber lin tor ril sa ko pe dun"
)

ORG_HEADS = (
    "Ministère",
    "Bureau central",
    "Direction générale",
    "Office central",
    "Agence nationale",
    "Commission nationale",
    "Institut",
    "Académie",
    "Université",
    "Fondation",
    "Conseil supérieur",
    "Parquet populaire suprême",
    "Centre de recherche",
    "Comité permanent",
    "Département",
    "Service central",
    "Tribunal populaire intermédiaire",
    "Haute Autorité",
    "Association",
    "Chambre de commerce",
)

ORG_DOMAINS = (
    "la Sécurité publique",
    "la Justice",
    "l'Intérieur",
    "la Coopération internationale",
    "la Lutte contre le terrorisme",
    "la Police judiciaire",
    "Science politique et de Droit",
    "des Affaires étrangères",
    "la Sécurité d'État",
    "l'Immigration et des Frontières",
    "la Lutte contre la criminalité organisée",
    "la Répression des fraudes",
    "l'Entraide judiciaire pénale",
    "la Formation des policiers",
    "la Surveillance financière",
    "l'Économie numérique",
    "la Protection des données",
    "la Cybersécurité",
    "Commerce et d'Industrie",
    "la Propriété intellectuelle",
)

COMPANY_KINDS = (
    "Holdings",
    "Group",
    "Technologies",
    "Logistique SA",
    "Télécom",
    "Industries Co. Ltd",
    "Énergie",
    "Sécurité SARL",
    "Consulting",
    "Banque",
)

PLACE_PREFIXES = (
    "",
    "",
    "",
    "Province de ",
    "Région autonome de ",
    "Saint-",
    "Port-",
    "District de ",
    "Comté de ",
    "Préfecture de ",
)
PLACE_SUFFIXES = ("", "", "", "", "-sur-Mer", " Nord", " Sud", "-les-Bains", "ville", "grad")

AGREEMENT_FORMS = (
    "Accord de coopération judiciaire entre {a} et {b}",
    "Traité d'extradition entre {a} et {b}",
    "Mémorandum d'entente sur {d} entre {a} et {b}",
    "Convention d'entraide pénale {a}–{b}",
    "Protocole de {a} sur {d}",
)
OPERATION_WORDS = (
    "Chasse au renard",
    "Filet du ciel",
    "Bouclier",
    "Aurore",
    "Sentinelle",
    "Dragon",
    "Faucon",
    "Lotus",
    "Tempête",
    "Horizon",
    "Rempart",
    "Vigie",
    "Boussole",
    "Phénix",
    "Grand Mur",
    "Route de la soie",
    "Tigre",
    "Ancre",
    "Épée",
)
EVENT_FORMS = (
    "Forum international sur {d} de {a}",
    "Sommet de {a} sur {d}",
    "Conférence ministérielle de {a}",
    "Congrès mondial de {a}",
    "Dialogue de haut niveau {a}–{b}",
)
