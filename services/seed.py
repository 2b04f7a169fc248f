"""Initial content of "Serveis": the page, with an introduction for editors to write; and, for a
demo site only, a small catalogue in the consortium's real areas of work.

The production seed creates no service: only the consortium can say what it offers, to whom and
at what cost. The demo services (`seed_demo`, for `seed_site --demo`) go into an empty catalogue
only, so seeding never touches categories or services that editors created.
"""

from wagtail.rich_text import RichText

from pages.seed import ensure_child, paragraphs
from services.audiences import AUDIENCE_FIELDS, Audience
from services.models import ServiceCategory, ServiceIndexPage, ServicePage

# (name, slug, description) of each demo category, in order.
DEMO_CATEGORIES = [
    (
        "Xarxes i infraestructures de telecomunicacions",
        "telecomunicacions",
        "Suport als ens locals en el desplegament de les xarxes i les infraestructures de "
        "telecomunicacions al territori.",
    ),
    (
        "Tecnologies de la informació i compres TIC",
        "tic",
        "Serveis perquè els ens locals apliquin les TIC i les contractin en millors condicions.",
    ),
]

# The demo services, each with its category's slug and its audiences.
DEMO_SERVICES = [
    {
        "category": "telecomunicacions",
        "slug": "assessorament-en-infraestructures-de-telecomunicacions",
        "title": "Assessorament en infraestructures de telecomunicacions",
        "introduction": "Acompanyament tècnic i jurídic quan un operador vol desplegar una "
        "xarxa al municipi.",
        "offer": [
            "Informes sobre els projectes de desplegament de fibra òptica i de telefonia mòbil.",
            "Models d’ordenança municipal sobre les infraestructures de telecomunicacions.",
            "Suport en la tramitació de les llicències i en la relació amb els operadors.",
        ],
        "eligibility": "Els ens locals adherits a Localret.",
        "how_to_ask": "Escriviu a l’àrea de telecomunicacions amb una descripció del projecte.",
        "cost": "Gratuït per als ens adherits.",
        "contact_name": "Àrea de Telecomunicacions",
        "audiences": [
            Audience.TOWN_COUNCILS,
            Audience.COUNTY_COUNCILS,
            Audience.OTHER_LOCAL_BODIES,
        ],
    },
    {
        "category": "telecomunicacions",
        "slug": "cobertura-de-telefonia-mobil-i-internet",
        "title": "Informació sobre la cobertura de telefonia mòbil i internet",
        "introduction": "On consultar la cobertura d’una adreça i a qui adreçar una incidència.",
        "offer": [
            "Orientació sobre els mapes oficials de cobertura.",
            "Recull de les incidències de cobertura que els ajuntaments traslladen als operadors.",
        ],
        "eligibility": "Els ajuntaments i la ciutadania dels municipis adherits.",
        "how_to_ask": "Adreceu-vos al vostre ajuntament, que fa arribar la consulta a Localret.",
        "cost": "Gratuït.",
        "contact_name": "Àrea de Telecomunicacions",
        "audiences": [Audience.TOWN_COUNCILS, Audience.CITIZENS],
    },
    {
        "category": "tic",
        "slug": "compra-agregada-de-serveis-de-telecomunicacions",
        "title": "Compra agregada de serveis de telecomunicacions",
        "introduction": "Una licitació conjunta de telefonia i d’accés a internet per als ens "
        "que s’hi adhereixen.",
        "offer": [
            "Telefonia fixa i mòbil i accés a internet a preus adjudicats en comú.",
            "La preparació i la tramitació de la licitació, en nom dels ens adherits.",
        ],
        "eligibility": "Els ajuntaments, els consells comarcals i els altres ens locals "
        "adherits a Localret.",
        "how_to_ask": "L’ens aprova l’adhesió a la compra agregada i la comunica a Localret.",
        "cost": "L’adhesió no té cost; cada ens paga els serveis que contracta.",
        "contact_name": "Àrea de Contractació",
        "audiences": [
            Audience.TOWN_COUNCILS,
            Audience.COUNTY_COUNCILS,
            Audience.OTHER_LOCAL_BODIES,
        ],
    },
    {
        "category": "tic",
        "slug": "assessorament-en-transformacio-digital",
        "title": "Assessorament en transformació digital",
        "introduction": "Suport per planificar l’ús de les TIC en els serveis municipals.",
        "offer": [
            "Diagnosi de la situació de les TIC a l’ens.",
            "Propostes de millora i de serveis digitals per a la ciutadania.",
        ],
        "eligibility": "Els ajuntaments i els consells comarcals adherits a Localret.",
        "how_to_ask": "Escriviu a Localret explicant què necessita l’ens.",
        "cost": "Segons l’abast de l’encàrrec.",
        "contact_name": "Àrea de Tecnologies de la Informació",
        "audiences": [Audience.TOWN_COUNCILS, Audience.COUNTY_COUNCILS],
    },
]


def bullet_list(items):
    """Rich text made of one list."""
    return RichText("<ul>{}</ul>".format("".join(f"<li>{item}</li>" for item in items)))


def seed(home):
    """The services page, in the main menu, with its introduction still to write."""
    return ensure_child(
        home,
        ServiceIndexPage,
        slug="serveis",
        title="Serveis",
        show_in_menus=True,
        search_description="Els serveis que Localret ofereix als ens locals de Catalunya.",
        introduction=paragraphs("Serveis: afegir petit text sobre els serveis"),
    )


def seed_demo(index):
    """The demo categories and services, into an empty catalogue only."""
    if ServiceCategory.objects.exists() or ServicePage.objects.exists():
        return
    categories = {
        slug: ServiceCategory.objects.create(
            name=name, slug=slug, description=description, sort_order=order
        )
        for order, (name, slug, description) in enumerate(DEMO_CATEGORIES)
    }
    for service in DEMO_SERVICES:
        ensure_child(
            index,
            ServicePage,
            slug=service["slug"],
            title=service["title"],
            category=categories[service["category"]],
            introduction=paragraphs(service["introduction"]),
            offer=[("text", bullet_list(service["offer"]))],
            eligibility=paragraphs(service["eligibility"]),
            how_to_ask=paragraphs(service["how_to_ask"]),
            cost=paragraphs(service["cost"]),
            contact_name=service["contact_name"],
            **{AUDIENCE_FIELDS[audience]: True for audience in service["audiences"]},
        )
