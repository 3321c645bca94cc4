"""Uploaded images: checked by Pillow, re-encoded to WebP (metadata dropped), at most 1600 px."""

import secrets
from io import BytesIO

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _
from PIL import Image as PillowImage
from PIL import ImageOps, UnidentifiedImageError

from core.site import ensure_writable
from resources.models import Image

MAX_SIDE = 1600
MAX_UPLOAD_BYTES = 8 * 1024 * 1024
MAX_PIXELS = 40_000_000


class ImageRejected(ValueError):
    pass


@transaction.atomic
def image_upload(*, upload, alt_text: str, decorative: bool, user) -> Image:
    ensure_writable()
    alt_text = " ".join(alt_text.split())
    if not decorative and not alt_text:
        raise ImageRejected(
            _("Describe the image, or tick “decorative image” if it carries no information.")
        )
    if upload.size > MAX_UPLOAD_BYTES:
        raise ImageRejected(_("The image is larger than 8 MB."))
    data, width, height = _reencode(upload)
    name = f"{secrets.token_hex(10)}.webp"
    image = Image(
        alt_text="" if decorative else alt_text,
        decorative=decorative,
        width=width,
        height=height,
        uploaded_by=user,
    )
    image.file.save(name, ContentFile(data), save=False)
    image.save()
    return image


def _reencode(upload) -> tuple[bytes, int, int]:
    try:
        with PillowImage.open(upload) as probe:
            probe.verify()
        upload.seek(0)
        with PillowImage.open(upload) as original:
            if original.width * original.height > MAX_PIXELS:
                raise ImageRejected(_("The image has too many pixels."))
            picture = ImageOps.exif_transpose(original)
            picture = picture.convert("RGBA" if "A" in picture.getbands() else "RGB")
    except (UnidentifiedImageError, OSError, SyntaxError) as error:
        raise ImageRejected(
            _("This file is not an image we can read (JPEG, PNG, GIF or WebP).")
        ) from error
    picture.thumbnail((MAX_SIDE, MAX_SIDE))
    out = BytesIO()
    picture.save(out, "WEBP", quality=80, method=4)  # no exif, no icc: nothing about the author
    return out.getvalue(), picture.width, picture.height


def image_alt(src: str) -> str | None:
    """The stored alternative text of an uploaded image, for the Markdown renderer."""
    name = src.split("/media/", 1)[-1]
    image = Image.objects.filter(file=name).only("alt_text").first()
    return image.alt_text if image else None
