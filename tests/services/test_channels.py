"""Every bundled service gives the citizen something to do on its page, in both languages: a link to the platform
or the app where it is used, or the button to apply on this portal. Where the address of an app or a platform is
not known for sure (the six services of issue 13), the page says plainly that it is not published and links to
the body's website, which the service also lists as a channel."""

from __future__ import annotations

import pytest
from flask import Flask
from sqlalchemy import select

from portal.catalogue.channels import has_usable_channel
from portal.catalogue.models import Service
from portal.extensions import db
from tests.portal.catalogue.test_channels import text_of, use_box

NOT_PUBLISHED = {
    "ar": {"mobile": "عنوان هذا التطبيق غير منشور.", "web": "عنوان هذه المنصة غير منشور."},
    "fr": {"mobile": "L'adresse de cette application n'est pas publiée.",
           "web": "L'adresse de cette plateforme n'est pas publiée."},
}  # fmt: skip
# slug: (the kind of its app or platform with no known address, the body's website)
WITHOUT_ADDRESS = {
    "life-certificate-face-recognition": ("mobile", "https://cnr.dz"),
    "el-hanaa-insured-space": ("mobile", "https://cnas.dz"),
    "job-seeker-registration": ("web", "https://anem.dz"),
    "e-cnac-project-holders": ("mobile", "https://cnac.dz"),
    "employer-individual-account": ("web", "https://cacobatph.dz"),
    "khadamati-portal": ("web", "https://www.mtess.gov.dz"),
}


def listed(app: Flask) -> list[Service]:
    with app.app_context():
        services = list(db.session.scalars(select(Service).where(Service.status != "retired").order_by(Service.slug)))
        assert len(services) >= 20
        assert all(has_usable_channel(service.channels, service) for service in services)  # the checklist agrees
        return services


@pytest.mark.parametrize("locale", ["ar", "fr"])
def test_every_bundled_service_page_offers_a_way_to_use_it(app: Flask, locale: str) -> None:
    client = app.test_client()
    for service in listed(app):
        box = use_box(client.get(f"/{locale}/services/{service.slug}").get_data(as_text=True))
        external = 'class="channel-link" href="https://' in box
        apply = f'href="/{locale}/services/{service.slug}/apply"' in box
        assert external or apply, f"{service.slug}: nothing to do on its page"


@pytest.mark.parametrize("locale", ["ar", "fr"])
def test_an_app_or_platform_without_a_known_address_says_so_and_links_to_the_body(app: Flask, locale: str) -> None:
    client = app.test_client()
    for slug, (kind, website) in WITHOUT_ADDRESS.items():
        box = use_box(client.get(f"/{locale}/services/{slug}").get_data(as_text=True))
        assert NOT_PUBLISHED[locale][kind] in text_of(box), slug
        assert f'<a class="channel-link" href="{website}" rel="noopener">' in box, slug  # the website, as a channel
        assert f'<a href="{website}" rel="noopener" dir="ltr">' in box, slug  # and in the note
    others = [service.slug for service in listed(app) if service.slug not in WITHOUT_ADDRESS]
    for slug in others:
        box = use_box(client.get(f"/{locale}/services/{slug}").get_data(as_text=True))
        assert NOT_PUBLISHED[locale]["mobile"] not in text_of(box) and NOT_PUBLISHED[locale]["web"] not in text_of(box)
