"""``flask catalogue sync`` upserts the registry and never overwrites what a person edited."""

from __future__ import annotations

from datetime import UTC, datetime

from flask import Flask
from sqlalchemy import func, select

from portal.catalogue.models import Body, Channel, Service, ServiceText, Term
from portal.catalogue.sync import sync_catalogue
from portal.extensions import db
from portal.registry import build_registry, get_registry
from portal.registry.toolkit import ServiceText as TextSpec
from tests.plugins import Demo, service


def count(model: type) -> int:
    return db.session.scalar(select(func.count()).select_from(model)) or 0


def test_sync_stores_every_body_service_channel_and_text(app: Flask) -> None:
    with app.app_context():
        registry = get_registry()
        assert count(Body) == 3
        assert count(Service) == sum(len(body.services) for body in registry) == 12
        assert count(ServiceText) == 2 * count(Service)
        maternity = db.session.scalar(select(Service).where(Service.slug == "maternity-benefit"))
        assert maternity is not None
        assert maternity.body.code == "demo"
        assert maternity.domain.code == "social_security"
        assert maternity.text("ar").title == "طلب منحة الأمومة عن بعد"
        assert maternity.text("fr").title == "Demande de l'indemnité de maternité en ligne"
        assert [term.code for term in maternity.terms_of("life_event")] == ["having_a_child"]
        assert sorted(channel.kind for channel in maternity.channels) == ["mobile", "web"]
        hosted = db.session.scalar(select(Service).where(Service.slug == "demo-leave"))
        assert hosted is not None and [channel.kind for channel in hosted.channels] == ["portal"]
        tajribati = db.session.scalar(select(Channel).where(Channel.code == "tajribati"))
        assert tajribati is not None and tajribati.name("ar") == "تطبيق «تجربتي»"


def test_a_second_sync_changes_nothing(app: Flask) -> None:
    with app.app_context():
        before = (count(Body), count(Service), count(ServiceText), count(Channel), count(Term))
        report = sync_catalogue(get_registry())
        assert report.services_created == []
        assert (count(Body), count(Service), count(ServiceText), count(Channel), count(Term)) == before


def test_sync_keeps_the_text_a_person_edited_and_refreshes_the_rest(app: Flask) -> None:
    with app.app_context():
        demo = build_registry({"demo": Demo}, ["ar", "fr"])
        sync_catalogue(demo)
        edited = db.session.scalar(select(Service).where(Service.slug == "demo-service"))
        assert edited is not None
        edited.texts["fr"].title = "Titre revu par la caisse"
        edited.texts["fr"].edited_at = datetime.now(UTC)
        edited.texts["fr"].edited_by = "editor@demo"
        edited.status = "pilot"
        edited.content_edited_at = datetime.now(UTC)
        db.session.commit()

        class Changed(Demo):
            services = (
                service(status="retired", texts={
                    "ar": TextSpec(title="عنوان جديد من الشيفرة", summary="ملخص."),
                    "fr": TextSpec(title="Nouveau titre du code", summary="Résumé."),
                }),
            )  # fmt: skip

        report = sync_catalogue(build_registry({"demo": Changed}, ["ar", "fr"]))
        db.session.expire_all()
        stored = db.session.scalar(select(Service).where(Service.slug == "demo-service"))
        assert stored is not None
        assert stored.texts["fr"].title == "Titre revu par la caisse"  # edited by a person: kept
        assert stored.texts["ar"].title == "عنوان جديد من الشيفرة"  # not edited: refreshed
        assert stored.status == "pilot"  # the person's content stays
        assert sorted(report.edits_kept) == ["demo-service", "demo-service/fr"]
        assert "edits by people kept: 2 (demo-service, demo-service/fr)" in report.lines()


def test_sync_leaves_services_created_outside_plugins(app: Flask) -> None:
    with app.app_context():
        body = db.session.scalar(select(Body).where(Body.code == "pilote"))
        domain = db.session.scalar(select(Term).where(Term.code == "social_security"))
        manual = Service(slug="created-in-back-office", body=body, domain=domain, from_plugin=False)
        manual.texts["ar"] = ServiceText(locale="ar", title="خدمة", summary="ملخص")
        db.session.add(manual)
        db.session.commit()
        sync_catalogue(get_registry())
        assert db.session.scalar(select(Service).where(Service.slug == "created-in-back-office")) is not None
