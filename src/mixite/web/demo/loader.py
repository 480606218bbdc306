"""Load the demo idempotently: natural keys (e-mail, slug) decide what already exists."""

from __future__ import annotations

import datetime as dt
import hashlib
import random
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from mixite.web.accounts import otp
from mixite.web.accounts.models import RecoveryCode, TotpDevice, User
from mixite.web.demo import data
from mixite.web.networks.models import (
    ChapterStatus,
    Membership,
    MembershipStatus,
    NetworkNode,
    NetworkRole,
    NodeKind,
)
from mixite.web.orgs.models import Organisation, OrgRole

SEED = 2026


@dataclass
class DemoSummary:
    created: dict[str, int] = field(default_factory=dict)
    logins: list[tuple[str, str, str]] = field(
        default_factory=list
    )  # e-mail, roles, look at
    totp_secret: str = data.DEMO_TOTP_SECRET
    recovery_codes: list[str] = field(default_factory=list)

    def count(self, kind: str, created: bool) -> None:
        if created:
            self.created[kind] = self.created.get(kind, 0) + 1


def ascii_slug(text: str) -> str:
    return slugify(unicodedata.normalize("NFKD", text))


def demo_recovery_codes() -> list[str]:
    """Ten fixed codes, so that `make run` prints the same two each time."""
    rng = random.Random(SEED)  # noqa: S311 - demo data, not security
    return [f"{rng.getrandbits(32):08x}-{rng.getrandbits(32):08x}" for _ in range(10)]


class DemoLoader:
    def __init__(self, today: dt.date) -> None:
        self.today = today
        self.summary = DemoSummary()
        self.password_hash = make_password(data.DEMO_PASSWORD)  # hashed once for all
        self.orgs: dict[str, Organisation] = {}
        self.networks: dict[str, NetworkNode] = {}
        self.rng = random.Random(SEED)  # noqa: S311 - demo data, not security

    def days_ago(self, days: int) -> dt.datetime:
        moment = dt.datetime.combine(self.today, dt.time(9, 0), tzinfo=dt.UTC)
        return moment - dt.timedelta(days=days)

    @transaction.atomic
    def load(self) -> DemoSummary:
        for fields in data.ORGANISATIONS:
            org, created = Organisation.objects.get_or_create(
                slug=fields["slug"], defaults={**fields, "is_demo": True}
            )
            self.orgs[org.slug] = org
            self.summary.count("organisations", created)
        self.load_orvalia_network()
        self.load_territories_network()
        for person in data.PEOPLE:
            self.load_person(person)
        self.enable_demo_totp()
        return self.summary

    def node(self, **fields: Any) -> NetworkNode:
        parent: NetworkNode | None = fields.get("parent")
        root = parent.network if parent else None
        node, created = NetworkNode.objects.get_or_create(
            root=root,
            slug=fields.pop("slug"),
            defaults={
                **fields,
                "depth": parent.depth + 1 if parent else 1,
                "is_demo": True,
                "created_at": self.days_ago(900),
            },
        )
        self.summary.count("network nodes", created)
        return node

    def load_orvalia_network(self) -> None:
        spec = data.ORVALIA_NETWORK
        root = self.node(
            slug=spec["slug"],
            name=spec["name"],
            kind=NodeKind.NETWORK,
            visibility=spec["visibility"],
            description=spec["description"],
            organisation=self.orgs[str(spec["organisation"])],
        )
        self.networks[root.slug] = root
        for slug, name, axis, chapters in spec["tree"]:
            sub = self.node(
                slug=slug,
                name=name,
                kind=NodeKind.SUB_NETWORK,
                axis=axis,
                parent=root,
                visibility="members",
            )
            for c_slug, c_name, commune, country, city in chapters:
                self.node(
                    slug=c_slug,
                    name=f"Antenne {c_name}",
                    kind=NodeKind.CHAPTER,
                    parent=sub,
                    visibility="members",
                    commune=commune,
                    country=country,
                    city=city,
                    meeting_rhythm="Un déjeuner mensuel, le premier jeudi",
                    time_zone="Europe/Berlin"
                    if country == "DE"
                    else "Europe/Madrid"
                    if country == "ES"
                    else "Europe/Paris",
                )

    def load_territories_network(self) -> None:
        spec = data.TERRITORIES_NETWORK
        root = self.node(
            slug=spec["slug"],
            name=spec["name"],
            kind=NodeKind.NETWORK,
            visibility="public",
            description=spec["description"],
        )
        self.networks[root.slug] = root
        for region, chapters in spec["regions"]:
            sub = self.node(
                slug=ascii_slug(region),
                name=region,
                kind=NodeKind.SUB_NETWORK,
                axis="region",
                parent=root,
                visibility="public",
                time_zone="Indian/Reunion"
                if region == "La Réunion"
                else "Europe/Paris",
            )
            for city, commune in chapters:
                chapter = self.node(
                    slug=ascii_slug(city),
                    name=f"Coordination {city}",
                    kind=NodeKind.CHAPTER,
                    parent=sub,
                    visibility="public",
                    commune=commune,
                    city=city,
                    status=ChapterStatus.DORMANT
                    if city in spec["dormant"]
                    else ChapterStatus.ACTIVE,
                    meeting_rhythm="Une rencontre par mois, en soirée",
                    time_zone=sub.time_zone,
                )
                self.load_coordinators(root, chapter)

    def load_coordinators(self, root: NetworkNode, chapter: NetworkNode) -> None:
        """One or two coordinators per chapter, with invented names (seeded)."""
        n_coordinators = 1 + (
            int(hashlib.sha256(chapter.slug.encode()).hexdigest(), 16) % 2
        )
        for index in range(n_coordinators):
            email = f"coord{index + 1}.{chapter.slug}@elles-territoires.example"
            if chapter.slug == "quimper" and index == 0:
                continue  # the named demo coordinator of Quimper (D-4) takes this seat
            name = f"{self.rng.choice(data.FIRST_NAMES)} {self.rng.choice(data.LAST_NAMES)}"
            user = self.user(email, name, "fr", "F", chapter.commune)
            self.role(user, chapter, "chapter_coordinator")
            self.membership(user, root, chapter)

    def user(
        self, email: str, name: str, language: str, sex: str, commune: str = ""
    ) -> User:
        user, created = User.objects.get_or_create(
            email=email,
            defaults={
                "display_name": name,
                "language": language,
                "sex": sex,
                "commune": commune,
                "password": self.password_hash,
                "email_verified_at": self.days_ago(400),
                "created_at": self.days_ago(400),
            },
        )
        self.summary.count("users", created)
        return user

    def role(self, user: User, node: NetworkNode, role: str) -> None:
        _, created = NetworkRole.objects.get_or_create(
            user=user, node=node, role=role, defaults={"granted_at": self.days_ago(300)}
        )
        self.summary.count("network roles", created)

    def membership(
        self, user: User, network: NetworkNode, home: NetworkNode | None
    ) -> None:
        _, created = Membership.objects.get_or_create(
            user=user,
            network=network,
            defaults={
                "status": MembershipStatus.ACTIVE,
                "home_chapter": home
                if home and home.kind == NodeKind.CHAPTER
                else None,
                "joined_at": self.days_ago(300),
            },
        )
        self.summary.count("memberships", created)

    def load_person(self, person: data.Person) -> None:
        email, name, language, sex, org_roles, network_roles, look_at = person
        user = self.user(
            email, name, language, sex, data.PERSON_COMMUNES.get(email, "")
        )
        if email.startswith("admin@") and not user.is_superuser:
            user.is_staff = user.is_superuser = True
            user.save(update_fields=["is_staff", "is_superuser"])
        for org_slug, role in org_roles:
            _, created = OrgRole.objects.get_or_create(
                user=user,
                organisation=self.orgs[org_slug],
                role=role,
                defaults={"granted_at": self.days_ago(300)},
            )
            self.summary.count("organisation roles", created)
        for network_slug, node_slug, role in network_roles:
            root = self.networks[network_slug]
            node = (
                root
                if node_slug is None
                else NetworkNode.objects.get(root=root, slug=node_slug)
            )
            if role == "member":
                self.membership(user, root, node)
            else:
                self.role(user, node, role)
        roles = [f"{role} · {slug}" for slug, role in org_roles] + [
            f"{role} · {node or net}"
            for net, node, role in network_roles
            if role != "member"
        ] or (["instance administrator"] if email.startswith("admin@") else ["member"])
        self.summary.logins.append((email, ", ".join(roles), look_at))

    def enable_demo_totp(self) -> None:
        user = User.objects.get(email="securite@valmont.example")
        codes = demo_recovery_codes()
        self.summary.recovery_codes = codes[:2]
        if TotpDevice.objects.filter(user=user, confirmed_at__isnull=False).exists():
            return
        otp.start_enrolment(user=user, secret=data.DEMO_TOTP_SECRET)
        TotpDevice.objects.filter(user=user).update(confirmed_at=timezone.now())
        RecoveryCode.objects.filter(user=user).delete()
        RecoveryCode.objects.bulk_create(
            RecoveryCode(user=user, code_hash=make_password(code)) for code in codes
        )
        self.summary.count("second factors", True)


def load_demo(*, today: dt.date | None = None) -> DemoSummary:
    return DemoLoader(today or timezone.localdate()).load()
