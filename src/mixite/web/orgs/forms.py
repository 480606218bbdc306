from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from mixite.web.orgs.models import Organisation, OrgRoleName
from mixite.web.orgs.validators import normalise_siren


class OrganisationForm(forms.ModelForm[Organisation]):
    require_2fa_for = forms.MultipleChoiceField(
        label=_("Roles that must use two-factor authentication"),
        choices=OrgRoleName.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Organisation
        fields = [
            "name",
            "siren",
            "naf",
            "commune",
            "legal_headcount",
            "has_cse",
            "has_union_delegates",
            "require_2fa_for",
            "share_dashboards_with_members",
            "employee_data_retention_years",
        ]
        widgets = {"siren": forms.TextInput(attrs={"inputmode": "numeric"})}

    def clean_siren(self) -> str:
        raw: str = self.cleaned_data.get("siren", "")
        return normalise_siren(raw) if raw.strip() else ""

    def clean_employee_data_retention_years(self) -> int:
        years: int = self.cleaned_data["employee_data_retention_years"]
        if not 1 <= years <= 6:  # noqa: PLR2004 - platform §1.1
            raise ValidationError(_("Between 1 and 6 years."), code="org.retention_invalid")
        return years


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("E-mail address of the person invited"))
    roles = forms.MultipleChoiceField(
        label=_("Roles"), widget=forms.CheckboxSelectMultiple, choices=()
    )

    def __init__(self, *args: Any, role_choices: list[tuple[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["roles"].choices = role_choices  # type: ignore[attr-defined]
