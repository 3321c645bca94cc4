from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PillowImage

from resources import services
from resources.models import Image

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def photo(size=(2400, 1200), fmt="JPEG", exif=True):
    picture = PillowImage.new("RGB", size, (30, 120, 90))
    out = BytesIO()
    kwargs = {}
    if exif:
        data = PillowImage.Exif()
        data[0x010F] = "Appareil secret"  # Make
        data[0x013B] = "Camille Dupont"  # Artist
        kwargs["exif"] = data.tobytes()
    picture.save(out, fmt, **kwargs)
    return SimpleUploadedFile(
        f"photo.{fmt.lower()}", out.getvalue(), content_type=f"image/{fmt.lower()}"
    )


def test_an_uploaded_image_is_reencoded_smaller_and_without_metadata(trusted_client):
    response = trusted_client.post(
        "/ressources/images/", {"file": photo(), "alt_text": "Un atelier au local"}
    )
    assert response.status_code == 200
    image = Image.objects.get()
    assert image.file.name.endswith(".webp") and "photo" not in image.file.name
    assert (image.width, image.height) == (1600, 800)
    with PillowImage.open(image.file.path) as stored:
        assert stored.format == "WEBP"
        assert not stored.getexif()
    assert image.file.read().find(b"Camille Dupont") == -1
    assert "![Un atelier au local](/media/images/" in response.content.decode()


def test_an_image_without_alternative_text_is_refused_and_the_form_kept(trusted_client):
    response = trusted_client.post("/ressources/images/", {"file": photo(), "alt_text": "  "})
    html = response.content.decode()
    assert not Image.objects.exists()
    assert "décorative" in html and 'id="error-summary"' in html


def test_a_decorative_image_has_an_empty_alternative_text(trusted_client):
    trusted_client.post(
        "/ressources/images/",
        {"file": photo(exif=False, fmt="PNG"), "decorative": "on", "alt_text": "ignoré"},
    )
    assert Image.objects.get().alt_text == ""


def test_a_file_that_is_not_an_image_is_refused(trusted_client):
    fake = SimpleUploadedFile("x.png", b"<svg onload=alert(1)>", content_type="image/png")
    response = trusted_client.post("/ressources/images/", {"file": fake, "alt_text": "x"})
    assert not Image.objects.exists()
    assert "pas une image que nous savons lire" in response.content.decode()


def test_uploading_needs_an_account(client):
    assert client.get("/ressources/images/").status_code == 302


def test_a_page_shows_the_image_with_its_stored_alternative_text(
    client, trusted_client, article, trusted
):
    trusted_client.post(
        "/ressources/images/", {"file": photo(exif=False), "alt_text": "Affiche de l’atelier"}
    )
    image = Image.objects.get()
    article.document.refresh_from_db()
    services.article_revise(
        article=article,
        base_revision=article.document.current_revision,
        author=trusted,
        fields=services.ArticleFields(
            title=article.title,
            text=f"![]({image.file.url})\n",
            kind=article.kind,
            tags=("hébergement",),
        ),
    )
    html = client.get("/ressources/choisir-son-hebergeur/").content.decode()
    assert f'<img src="{image.file.url}" alt="Affiche de l’atelier"' in html
    served = client.get(image.file.url)
    assert served.status_code == 200 and served["Content-Type"] == "image/webp"


def test_the_media_view_serves_only_uploaded_files(client):
    assert client.get("/media/../config/settings.py").status_code == 404
    assert client.get("/media/images/absente.webp").status_code == 404
