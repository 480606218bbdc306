from __future__ import annotations

from django import forms

from mixite.web.networks.models import NetworkNode


class NodeTextForm(forms.ModelForm[NetworkNode]):
    """What a chapter coordinator may edit on her chapter: its texts (§1.2)."""

    class Meta:
        model = NetworkNode
        fields = ["description", "meeting_rhythm"]


class NodeForm(forms.ModelForm[NetworkNode]):
    """What a leader may edit on any node below her."""

    class Meta:
        model = NetworkNode
        fields = ["name", "description", "visibility", "time_zone", "meeting_rhythm"]
