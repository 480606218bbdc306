"""The demonstration instance of platform.md "Demo data" (fictional names and figures)."""
