"""The legal pages linked from the footer: legal notice, privacy, cookies, accessibility.

They are plain standard pages whose starting texts follow what the law asks each one to say.
The owner's name, NIF, address and contact are not copied into the texts: the page template
shows them from the organisation settings (see ORGANISATION_DETAILS_HEADINGS), so they never go
stale. Facts only the consortium can supply (the data protection officer, retention periods, the
whole accessibility statement) are settings too, shown only once filled in: see
`legal_page_tags`.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from pages.models import StandardPage
from pages.seed import ensure_child
from transparency.models import TransparencySettings

PRIVACY_SLUG = "privacitat"
ACCESSIBILITY_SLUG = "accessibilitat"

# Legal pages that show the organisation's details under their introduction, and the heading
# each gives them.
ORGANISATION_DETAILS_HEADINGS = {
    "avis-legal": _("Owner of the website"),
    PRIVACY_SLUG: _("Data controller"),
}

LEGAL_NOTICE_BODY = """
<h2>Objecte del web</h2>
<p>Aquest web informa sobre el Consorci Localret, els seus òrgans de govern, els ens locals que
en formen part i la informació que ha de publicar d’acord amb la Llei 19/2014, del 29 de
desembre, de transparència, accés a la informació pública i bon govern.</p>
<h2>Reutilització de la informació</h2>
<p>La informació publicada en aquest web es pot reutilitzar citant-ne la font (Consorci
Localret) i la data de la darrera actualització, sense alterar-ne el contingut ni
desnaturalitzar-ne el sentit. Les llistes del portal de transparència es poden descarregar en
formats oberts (CSV i JSON).</p>
<p>Les imatges i els documents d’altres autors conserven les condicions d’ús que en fixin els
seus titulars.</p>
<h2>Enllaços a altres webs</h2>
<p>Localret no es fa responsable del contingut dels webs d’altres titulars als quals enllaça.</p>
<h2>Legislació aplicable</h2>
<p>Aquest avís es regeix per la legislació vigent, en particular la Llei 34/2002, de l’11 de
juliol, de serveis de la societat de la informació i de comerç electrònic.</p>
<h2>Contacte</h2>
<p>Podeu adreçar qualsevol consulta sobre aquest web al consorci mitjançant les dades de
contacte del titular que figuren en aquesta pàgina i al peu de pàgina.</p>
"""

PRIVACY_BODY = """
<h2>Quines dades tractem i per a què</h2>
<p>Navegar per aquest web no requereix donar cap dada personal, i les pàgines públiques no
instal·len galetes de seguiment ni d’analítica.</p>
<ul>
<li><b>Sol·licituds d’accés a la informació pública.</b> Quan feu una sol·licitud amb el
formulari del portal de transparència, tractem el nom i cognoms, el número de document
d’identitat (si el doneu), les dades de contacte que ens indiqueu (adreça electrònica, telèfon o
adreça postal), el nom i el NIF de l’entitat que representeu (si és el cas) i el contingut de la
sol·licitud, per tramitar-la, respondre-la i complir les obligacions de la Llei 19/2014.</li>
<li><b>Missatges de contacte.</b> Quan ens escriviu amb el formulari de la pàgina de contacte,
tractem el nom, l’adreça electrònica, el tema triat i el missatge, per respondre-us i fer-ne el
seguiment. Els conservem durant el termini que indica el mateix formulari i després els
esborrem.</li>
<li><b>Seguretat dels formularis.</b> Per evitar l’enviament massiu i automatitzat dels
formularis, el servidor guarda durant un temps breu un comptador associat a l’adreça IP des de
la qual s’envien.</li>
</ul>
<h2>Base jurídica</h2>
<ul>
<li><b>Sol·licituds d’accés:</b> el compliment d’una obligació legal (article 6.1.c del
Reglament general de protecció de dades, RGPD), d’acord amb la Llei 19/2014, del 29 de desembre,
de transparència, accés a la informació pública i bon govern, i el Decret 8/2021, del 9 de
febrer, que la desplega. Sense les dades de contacte no us podríem fer arribar la resposta.</li>
<li><b>Missatges de contacte:</b> el compliment d’una missió realitzada en interès públic
(article 6.1.e del RGPD): l’atenció a les persones que s’adrecen al consorci.</li>
<li><b>Comptador d’adreces IP:</b> el compliment d’una missió realitzada en interès públic
(article 6.1.e del RGPD): la seguretat del servei que presta el consorci.</li>
</ul>
<h2>Destinataris</h2>
<p>No cedim les dades a terceres persones, excepte quan una llei ho imposi. Si la informació
sol·licitada afecta drets o interessos de terceres persones, la llei preveu donar-los trasllat de
la sol·licitud perquè hi puguin formular al·legacions. Si presenteu una reclamació davant la
Comissió de Garantia del Dret d’Accés a la Informació Pública (GAIP), li trametrem
l’expedient.</p>
<p>Tracten les dades per compte del consorci, amb un contracte d’encarregat del tractament
(article 28 del RGPD), els proveïdors d’allotjament web i de correu electrònic.</p>
<h2>Transferències internacionals</h2>
<p>No transferim dades fora de l’Espai Econòmic Europeu.</p>
<h2>Decisions automatitzades</h2>
<p>No prenem decisions automatitzades ni elaborem perfils amb aquestes dades.</p>
<h2>Els vostres drets</h2>
<p>Sobre les dades de les sol·licituds d’accés podeu exercir els drets d’accés, rectificació,
supressió i limitació del tractament. Els drets de portabilitat i d’oposició no s’hi apliquen,
perquè el tractament és necessari per complir una obligació legal (articles 20.3 i 21.1 del
RGPD).</p>
<p>Sobre els missatges de contacte i el comptador d’adreces IP podeu exercir els drets
d’accés, rectificació, supressió i limitació del tractament, i també oposar-vos-hi per motius
relacionats amb la vostra situació particular (article 21.1 del RGPD).</p>
<p>Podeu exercir-los adreçant-vos al consorci o al delegat de protecció de dades mitjançant les
dades de contacte que figuren en aquesta pàgina i al peu de pàgina.</p>
<h2>Reclamacions</h2>
<p>Si considereu que no s’han respectat els vostres drets, podeu presentar una reclamació davant
l’Autoritat Catalana de Protecció de Dades (APDCAT):
<a href="https://apdcat.gencat.cat">apdcat.gencat.cat</a>.</p>
"""

COOKIES_BODY = """
<h2>Pàgines públiques</h2>
<p>Consultar les pàgines d’aquest web no instal·la cap galeta al vostre navegador: ni de
seguiment, ni d’analítica, ni de publicitat, ni de tercers.</p>
<h2>Formularis</h2>
<p>Les pàgines amb un formulari, com la de sol·licitud d’accés a la informació pública,
instal·len una sola galeta tècnica, <b>csrftoken</b>, que protegeix el formulari contra els
enviaments fraudulents des d’altres webs. És estrictament necessària, no conté dades personals i
caduca al cap d’un any.</p>
<h2>Àrea d’administració</h2>
<p>Les persones que gestionen el web reben a més, quan inicien la sessió a l’àrea
d’administració, la galeta de sessió <b>sessionid</b>, imprescindible per mantenir-la oberta.</p>
<h2>Per què aquest web no demana consentiment</h2>
<p>La Llei 34/2002 (article 22.2) exigeix el consentiment previ només per a les galetes que no
són estrictament necessàries. Com que aquest web no en fa servir cap, no cal demanar-lo. Si mai se
n’hi afegís alguna, el web demanaria el consentiment abans d’instal·lar-la, amb les opcions
d’acceptar-la i de rebutjar-la igual de visibles.</p>
<h2>Com esborrar les galetes</h2>
<p>Podeu esborrar o bloquejar les galetes des de la configuració del vostre navegador. Si
bloquegeu la galeta csrftoken, no podreu enviar els formularis.</p>
"""


def legal_pages():
    """(slug, title, search description, introduction, body) of each legal page, in footer order."""
    return [
        (
            "avis-legal",
            "Avís legal",
            "Condicions d’ús del web de Localret i dades del seu titular.",
            "Aquest avís regula l’ús del web del Consorci Localret, la reutilització de la "
            "informació que hi publica i les dades que l’identifiquen com a titular.",
            LEGAL_NOTICE_BODY,
        ),
        (
            PRIVACY_SLUG,
            "Política de privadesa",
            "Com tracta Localret les dades personals de les persones que fan servir aquest web.",
            "Localret tracta les dades personals d’acord amb el Reglament general de protecció de "
            "dades i la normativa que el desplega. Aquest web només recull dades personals quan "
            "les hi doneu en un formulari.",
            PRIVACY_BODY,
        ),
        (
            "galetes",
            "Política de galetes",
            "Quines galetes fa servir aquest web i per què no us demana consentiment.",
            "Aquest web només fa servir galetes estrictament necessàries, i només on calen. Per "
            "això no us demana consentiment.",
            COOKIES_BODY,
        ),
        (
            ACCESSIBILITY_SLUG,
            "Declaració d’accessibilitat",
            "Situació d’accessibilitat del web de Localret i com fer-nos arribar els problemes "
            "d’accessibilitat.",
            "El Consorci Localret es compromet a fer accessible aquest web, d’acord amb el Reial "
            "decret 1112/2018, del 7 de setembre, sobre accessibilitat dels llocs web i "
            "aplicacions per a dispositius mòbils del sector públic.",
            # The statement itself is made of its settings (AccessibilityStatementSettings).
            "",
        ),
    ]


def compact(html):
    """The rich text on one line per paragraph, as the editor would save it."""
    return " ".join(html.split()).replace("> <", "><")


def seed_legal_pages(home):
    """The legal pages under the home page; the access request form links to the privacy one."""
    pages = {
        slug: ensure_child(
            home,
            StandardPage,
            slug=slug,
            title=title,
            search_description=description,
            introduction=f"<p>{introduction}</p>",
            body=compact(body),
        )
        for slug, title, description, introduction, body in legal_pages()
    }
    for site in Site.objects.filter(root_page=home):
        transparency_settings = TransparencySettings.for_site(site)
        if transparency_settings.privacy_page_id is None:
            transparency_settings.privacy_page = pages[PRIVACY_SLUG]
            transparency_settings.save(update_fields=["privacy_page"])
    return pages
