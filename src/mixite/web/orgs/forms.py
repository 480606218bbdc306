from __future__ import annotations

from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from mixite.web.orgs.models import SETTINGS_FIELDS, Organisation, OrgRoleName
from mixite.web.orgs.validators import normalise_siren, validate_naf

if TYPE_CHECKING:
    from collections.abc import Sequence


def siren_field() -> forms.CharField:
    """Typed with spaces as printed on a Kbis (``812 345 676``); stored as 9 digits."""
    return forms.CharField(
        label=_("SIREN"),
        max_length=20,
        required=False,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )


class OrganisationForm(forms.ModelForm[Organisation]):
    siren = siren_field()
    # A NAF longer than the model's 6 characters gets org.naf_invalid (§1.1), not max_length.
    naf = forms.CharField(
        label=_("NAF code"), max_length=20, required=False, validators=[validate_naf]
    )
    require_2fa_for = forms.MultipleChoiceField(
        label=_("Roles that must use two-factor authentication"),
        choices=OrgRoleName.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Organisation
        fields = list(SETTINGS_FIELDS)

    def clean_siren(self) -> str:
        raw: str = self.cleaned_data.get("siren", "")
        return normalise_siren(raw) if raw.strip() else ""

    def clean_employee_data_retention_years(self) -> int:
        years: int = self.cleaned_data["employee_data_retention_years"]
        if not 1 <= years <= 6:  # noqa: PLR2004 - platform §1.1
            raise ValidationError(
                _("Between 1 and 6 years."), code="org.retention_invalid"
            )
        return years


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of the person invited"))
    roles = forms.MultipleChoiceField(
        label=_("Roles"), widget=forms.CheckboxSelectMultiple, choices=()
    )

    def __init__(
        self, *args: Any, role_choices: Sequence[tuple[str, Any]], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["roles"].choices = role_choices  # type: ignore[attr-defined]


class NewOrganisationForm(forms.ModelForm[Organisation]):
    siren = siren_field()

    class Meta:
        model = Organisation
        fields = ["name", "kind", "siren", "naf", "legal_headcount"]

    def clean_siren(self) -> str:
        raw: str = self.cleaned_data.get("siren", "")
        return normalise_siren(raw) if raw.strip() else ""
