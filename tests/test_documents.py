"""Documents reach visitors through Wagtail's view only, wherever the files are kept: as a
download, under `default-src 'none'`, and never past a private collection. What Django serves
itself of the uploads in development is the images, as nginx does in production."""

from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import InMemoryStorage, Storage
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction

from localret_site.media import development_media_urlpatterns
from localret_site.urls import urlpatterns as site_urlpatterns

pytestmark = pytest.mark.django_db

# This module is also the URL configuration of the development tests below: the site's own,
# with the media patterns that `DEBUG` adds.
urlpatterns = [*development_media_urlpatterns(), *site_urlpatterns]

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class BucketStorage(Storage):
    """Files with addresses of their own and no path on this machine, as in an S3 bucket."""

    def __init__(self):
        self.files = InMemoryStorage(base_url="https://bucket.example/")

    def _open(self, name, mode="rb"):
        return self.files.open(name, mode)

    def _save(self, name, content):
        return self.files.save(name, content)

    def exists(self, name):
        return self.files.exists(name)

    def size(self, name):
        return self.files.size(name)

    def url(self, name):
        return self.files.url(name)

    def delete(self, name):
        self.files.delete(name)


@pytest.fixture(autouse=True)
def bucket(settings):
    """Uploads kept in a bucket: the case in which Wagtail would otherwise send visitors to the
    bucket's own address of the file."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "tests.test_documents.BucketStorage",
        },
    }


def document(name, content=b"contingut", collection=None):
    return get_document_model().objects.create(
        title=name,
        file=ContentFile(content, name=name),
        collection=collection or Collection.get_first_root_node(),
    )


def body(response):
    return b"".join(response.streaming_content)


def test_a_document_is_served_by_the_site_as_a_download_that_runs_nothing(client):
    acta = document("acta.docx", b"PK acta")
    assert acta.url == f"/documents/{acta.pk}/acta.docx"
    response = client.get(acta.url)
    assert response.status_code == 200
    assert body(response) == b"PK acta"
    assert response["Content-Type"] == DOCX
    assert response["Content-Disposition"].startswith("attachment; filename=acta.docx")
    assert response["Content-Security-Policy"] == "default-src 'none'"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_a_pdf_is_shown_in_the_browser_under_the_same_policy(client):
    pressupost = document("pressupost.pdf", b"%PDF-1.4 pressupost")
    response = client.get(pressupost.url)
    assert response.status_code == 200
    assert body(response) == b"%PDF-1.4 pressupost"
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == "inline"
    assert response["Content-Security-Policy"] == "default-src 'none'"


def test_a_private_collections_document_is_for_signed_in_editors_only(client, admin_client):
    internal = Collection.get_first_root_node().add_child(name="Documents interns")
    CollectionViewRestriction.objects.create(
        collection=internal, restriction_type=CollectionViewRestriction.LOGIN
    )
    informe = document("informe.docx", b"PK informe", collection=internal)

    response = client.get(informe.url)
    assert response.status_code == 302
    # To sign in, and back to the document's address at the site, never to the bucket.
    assert response["Location"] == f"/_util/login/?next={informe.url}"

    response = admin_client.get(informe.url)
    assert response.status_code == 200
    assert body(response) == b"PK informe"
    # Nobody between the editor and the site may keep a copy.
    assert "private" in response["Cache-Control"]


def test_the_page_cache_never_keeps_a_document(client, settings):
    settings.PAGE_CACHE_ENABLED = True
    acta = document("acta.docx", b"PK acta")
    for _ in range(2):
        response = client.get(acta.url)
        assert response.status_code == 200
        assert body(response) == b"PK acta"
        assert response.get("X-Page-Cache") != "hit"


@pytest.fixture
def media_on_disk(settings):
    """Files in each folder of MEDIA_ROOT (the folder the URL patterns above were made for)."""
    root = Path(settings.MEDIA_ROOT)
    names = [
        "images/logo-prova.png",
        "original_images/logo-prova.png",
        "documents/acta-prova.pdf",
        "members-imports/0123abcd",
    ]
    for name in names:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(b"fitxer " + name.encode())
    yield root
    for name in names:
        (root / name).unlink()


@pytest.mark.urls("tests.test_documents")
@pytest.mark.parametrize("path", ["images/logo-prova.png", "original_images/logo-prova.png"])
def test_development_serves_images_with_nosniff(client, media_on_disk, path):
    response = client.get(f"/media/{path}")
    assert response.status_code == 200
    assert body(response) == (media_on_disk / path).read_bytes()
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.urls("tests.test_documents")
@pytest.mark.parametrize(
    "path",
    [
        "documents/acta-prova.pdf",
        "members-imports/0123abcd",
        "images/../documents/acta-prova.pdf",
        "images/%2e%2e/documents/acta-prova.pdf",
    ],
)
def test_development_serves_no_document_or_import_from_the_media_folder(
    client, media_on_disk, path
):
    response = client.get(f"/media/{path}", follow=True)
    assert response.status_code in (400, 404)
    assert b"fitxer" not in response.content
