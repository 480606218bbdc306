"""Diagnostic reports: HTML, PDF, XLSX, JSON and the disclosure function (no Django)."""
