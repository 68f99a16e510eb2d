"""``flask catalogue sync`` upserts the registry and never overwrites what a person edited."""

from __future__ import annotations

from datetime import UTC, datetime

from flask import Flask
from sqlalchemy import func, select

from portal.catalogue.models import Body, Channel, Service, ServiceText, Term
from portal.catalogue.sync import sync_catalogue
from portal.dashboard.models import StatusChange
from portal.dossiers.models import Dossier
from portal.extensions import db
from portal.registry import build_registry, get_registry
from portal.registry.toolkit import PORTAL_CHANNEL
from portal.registry.toolkit import ServiceText as TextSpec
from tests.bodies.fund import Fund
from tests.plugins import TEXTS, Demo, service
from tests.portal.dossiers.helpers import create_dossier


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
        assert report.services_updated == [] and report.services_retired == []
        assert len(report.services_unchanged) == count(Service)
        assert (count(Body), count(Service), count(ServiceText), count(Channel), count(Term)) == before


def test_a_sync_reports_as_updated_only_the_service_whose_declaration_changed(app: Flask) -> None:
    with app.app_context():
        sync_catalogue(build_registry({"demo": Demo}, ["ar", "fr"]))

        class Renamed(Demo):
            services = (service(texts={**TEXTS, "fr": TextSpec(title="Nouveau titre", summary="Résumé.")}),
                        service("demo-hosted", channels=(PORTAL_CHANNEL,), hosted=True))  # fmt: skip

        report = sync_catalogue(build_registry({"demo": Renamed}, ["ar", "fr"]))
        assert report.services_updated == ["demo-service"] and report.services_unchanged == ["demo-hosted"]
        assert "services updated: 1 (demo-service)" in report.lines()


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
        manual = Service(slug="created-in-back-office", body=body, domain=domain, from_plugin=False,
                         published_at=datetime.now(UTC))  # fmt: skip
        manual.texts["ar"] = ServiceText(locale="ar", title="خدمة", summary="ملخص")
        db.session.add(manual)
        db.session.commit()
        report = sync_catalogue(get_registry())
        kept = db.session.scalar(select(Service).where(Service.slug == "created-in-back-office"))
        assert kept is not None and kept.status == "live" and kept.is_public  # no plugin declares it: not retired
        assert report.services_retired == []


def test_a_service_its_plugin_no_longer_declares_is_retired_with_its_dossiers_kept(hosted_app: Flask) -> None:
    client = hosted_app.test_client()
    assert "demo-leave" in client.get("/fr/services?body=demo").get_data(as_text=True)
    assert "demo-leave" in client.get("/api/v1/services?body=demo").get_data(as_text=True)
    dossier_id, _document = create_dossier(hosted_app, "demo-leave", with_document=False)

    class Dropped(Fund):
        services = tuple(service for service in Fund.services if service.slug != "demo-leave")

    with hosted_app.app_context():
        report = sync_catalogue(build_registry({"demo": Dropped}, ["ar", "fr"]))
        assert report.services_retired == ["demo-leave"]
        assert "services retired: 1 (demo-leave)" in report.lines()
        retired = db.session.scalar(select(Service).where(Service.slug == "demo-leave"))
        assert retired is not None and retired.status == "retired" and not retired.is_public
        assert retired.text("fr").title == "Congé d'essai"  # its content is kept
        assert db.session.get(Dossier, dossier_id) is not None
        history = db.session.scalars(select(StatusChange).where(StatusChange.service_id == retired.id)
                                     .order_by(StatusChange.id)).all()  # fmt: skip
        assert (history[-1].status, history[-1].source, history[-1].author) == ("retired", "sync", "plugin:demo")
        assert sync_catalogue(build_registry({"demo": Dropped}, ["ar", "fr"])).services_retired == []  # only once
    assert "demo-leave" not in client.get("/fr/services?body=demo").get_data(as_text=True)
    assert client.get("/fr/services/demo-leave").status_code == 404
    for listing in ("/api/v1/services?body=demo", "/api/v1/services?body=demo&status=retired"):
        assert "demo-leave" not in client.get(listing).get_data(as_text=True)
    assert client.get("/api/v1/services/demo-leave").status_code == 404
