"""Catalonia's provinces and comarques, as IDESCAT codes them.

These tables are small and change only by law (the last change: Lluçanès, 2023), so they live
in the code. A data migration loads them into a new database and `seed_site` restores any that
are missing; neither touches a row that already exists, so an editor's correction stays.
"""

from localret_site.caching.invalidation import content_changed

PROVINCES = [
    ("08", "Barcelona"),
    ("17", "Girona"),
    ("25", "Lleida"),
    ("43", "Tarragona"),
]

# The 42 comarques plus Aran (39), which IDESCAT lists as an "entitat territorial singular".
COMARQUES = [
    ("01", "Alt Camp"),
    ("02", "Alt Empordà"),
    ("03", "Alt Penedès"),
    ("04", "Alt Urgell"),
    ("05", "Alta Ribagorça"),
    ("06", "Anoia"),
    ("07", "Bages"),
    ("08", "Baix Camp"),
    ("09", "Baix Ebre"),
    ("10", "Baix Empordà"),
    ("11", "Baix Llobregat"),
    ("12", "Baix Penedès"),
    ("13", "Barcelonès"),
    ("14", "Berguedà"),
    ("15", "Cerdanya"),
    ("16", "Conca de Barberà"),
    ("17", "Garraf"),
    ("18", "Garrigues"),
    ("19", "Garrotxa"),
    ("20", "Gironès"),
    ("21", "Maresme"),
    ("22", "Montsià"),
    ("23", "Noguera"),
    ("24", "Osona"),
    ("25", "Pallars Jussà"),
    ("26", "Pallars Sobirà"),
    ("27", "Pla d'Urgell"),
    ("28", "Pla de l'Estany"),
    ("29", "Priorat"),
    ("30", "Ribera d'Ebre"),
    ("31", "Ripollès"),
    ("32", "Segarra"),
    ("33", "Segrià"),
    ("34", "Selva"),
    ("35", "Solsonès"),
    ("36", "Tarragonès"),
    ("37", "Terra Alta"),
    ("38", "Urgell"),
    ("39", "Aran"),
    ("40", "Vallès Occidental"),
    ("41", "Vallès Oriental"),
    ("42", "Moianès"),
    ("43", "Lluçanès"),
]

# IDESCAT's count of Catalan municipalities (2025): the denominator of the members' share.
# The registry need not hold the municipalities that are not members, so it cannot count them.
MUNICIPALITIES_IN_CATALONIA = 947


def ensure_reference_data(province_model, comarca_model):
    """Create the provinces and comarques that are missing; existing rows are left as they are.

    Takes the model classes so that a data migration can pass its historical models.
    """
    for model, rows in ((province_model, PROVINCES), (comarca_model, COMARQUES)):
        existing = set(model.objects.values_list("code", flat=True))
        if missing := [model(code=code, name=name) for code, name in rows if code not in existing]:
            model.objects.bulk_create(missing)
            content_changed()
