"""``mixite``: version, exit codes and messages (0 success, 1 internal, 2 bad input)."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import mixite
from mixite.cli import bench
from mixite.cli.main import main, state

MIXITE = Path(sys.executable).parent / "mixite"  # the console script of this venv


def run_main(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str
) -> tuple[int, str, str]:
    """Run ``main()`` as the console script would; returns exit code, stdout, stderr."""
    monkeypatch.setattr(sys, "argv", ["mixite", *args])
    monkeypatch.setitem(state, "debug", False)
    with pytest.raises(SystemExit) as done:
        main()
    captured = capsys.readouterr()
    code = done.value.code
    return (code if isinstance(code, int) else 1), captured.out, captured.err


def test_version_prints_the_package_version() -> None:
    done = subprocess.run(  # noqa: S603 - our own console script, fixed arguments
        [MIXITE, "--version"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0
    assert done.stdout == f"mixite {mixite.__version__}\n"
    assert mixite.__version__ == "0.1.0"
    assert done.stderr == ""


def test_unknown_option_exits_2_with_one_error_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run_main(monkeypatch, capsys, "--no-such-option")
    assert code == 2
    assert out == ""
    errors = [line for line in err.splitlines() if line.startswith("Error:")]
    assert errors == ["Error: No such option: --no-such-option"]
    assert "Traceback" not in err


def test_bench_without_its_folder_exits_2_in_one_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run_main(monkeypatch, capsys, "bench", "--path", "/nonexistent")
    assert code == 2
    assert err.count("\n") == 1  # one line, however long (no wrapping)
    assert err.startswith("Error: No benchmarks folder at /nonexistent")
    assert "Traceback" not in err


def test_bench_returns_the_runner_exit_code(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    def target_missed(path: Path, *, only: str | None) -> int:
        del path, only
        return 1

    monkeypatch.setattr(bench, "run_benchmarks", target_missed)
    code, _, err = run_main(monkeypatch, capsys, "bench", "--path", str(tmp_path))
    assert code == 1
    assert err == ""


def test_unexpected_error_exits_1_without_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    def broken(path: Path, *, only: str | None) -> int:
        raise RuntimeError(f"broken runner for {path} {only}")

    monkeypatch.setattr(bench, "run_benchmarks", broken)
    code, _, err = run_main(monkeypatch, capsys, "bench", "--path", str(tmp_path))
    assert code == 1
    assert err.count("\n") == 1
    assert err.startswith("Internal error: RuntimeError: broken runner for")
    assert "--debug" in err
    assert "Traceback" not in err


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    script = textwrap.dedent(
        f"""
        import sys
        import mixite.cli.bench

        def broken(path, *, only):
            raise RuntimeError("broken runner")

        mixite.cli.bench.run_benchmarks = broken
        sys.argv = ["mixite", "--debug", "bench", "--path", {str(tmp_path)!r}]
        from mixite.cli.main import main
        main()
        """
    )
    done = subprocess.run(  # noqa: S603 - this interpreter, a fixed script
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert done.returncode == 1
    assert "Traceback (most recent call last)" in done.stderr
    assert done.stderr.rstrip().endswith("RuntimeError: broken runner")
    assert "Internal error" not in done.stderr


def run_console(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """The real console script, with its own empty data folder (never ./var)."""
    env = {"PATH": "/usr/bin:/bin", "MIXITE_DATA_DIR": str(tmp_path)}
    return subprocess.run(  # noqa: S603 - our own console script, fixed arguments
        [MIXITE, *args], capture_output=True, text=True, check=False, env=env
    )


def test_manage_unknown_command_exits_2(tmp_path: Path) -> None:
    done = run_console(tmp_path, "manage", "no_such_command")
    assert done.returncode == 2
    assert done.stderr.startswith("Error: Unknown command 'no_such_command'")
    assert "Traceback" not in done.stderr


def test_manage_bad_option_value_exits_2_with_usage(tmp_path: Path) -> None:
    done = run_console(tmp_path, "manage", "load_demo", "--today", "2026-13-01")
    assert done.returncode == 2
    assert "--today: a date as YYYY-MM-DD, not '2026-13-01'" in done.stderr
    assert "Traceback" not in done.stderr


def test_manage_on_an_unmigrated_database_says_what_to_do(tmp_path: Path) -> None:
    done = run_console(tmp_path, "manage", "verify_audit_chain")
    assert done.returncode == 1
    assert "Run 'mixite manage migrate'" in done.stderr
    assert "Traceback" not in done.stderr


def test_demo_refuses_without_force_when_debug_is_off(tmp_path: Path) -> None:
    assert run_console(tmp_path, "manage", "migrate", "-v", "0").returncode == 0
    done = run_console(tmp_path, "manage", "load_demo")
    assert done.returncode == 2
    assert "pass --force" in done.stderr
