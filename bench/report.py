"""The Markdown summary of a benchmark run (bench/results/<date>.md, printed at the end)."""

P95_TARGET_MS = 50
HTML_LIMIT = 30 * 1024
PEER_FACTOR = 3


def markdown(results: dict) -> str:
    pages = results.get("pages", [])
    machine = results["machine"]
    lines = [
        f"# make bench, {results['date']}",
        "",
        f"Machine: {machine['cpu']}, {machine['cores']} cores, {machine['memory_gib']} GiB, "
        f"{machine['system']}, Python {machine['python']}. Load average before "
        f"{_load(machine['load_before'])}, after {_load(machine.get('load_after'))}. "
        f"{results['settings']['items']:,} tools and articles (10 revisions each); "
        f"wrk {results['settings']['seconds_per_address']} s per address and connection count; "
        "gunicorn, 2 sync workers, DEBUG off. Whole run: "
        f"{results.get('run_seconds', 0) / 60:.1f} min.",
        "",
        "Generation: " + _generation(results["generation"]),
        "",
        *_latency_table(results, pages),
        "",
        *_references(results, pages),
        "",
        *_weights(results, pages),
        "",
        *_growth(results, pages),
        "",
        *_misses(results, pages),
    ]
    return "\n".join(lines) + "\n"


def _load(value) -> str:
    return " / ".join(f"{v:.2f}" for v in value) if value else "?"


def _generation(generation: dict) -> str:
    return "; ".join(
        f"{name} {g['migrate_and_content_s']} s (migrate, content) + {g['generate_s']} s "
        f"(generate: {', '.join(f'{k} {v:.0f} s' for k, v in g['steps_s'].items())})"
        for name, g in generation.items()
    )


def _cell(measure: dict | None) -> str:
    if not measure:
        return "–"
    if measure.get("absent"):
        return "absent"
    return (
        f"{measure['rps']:.0f} · {measure['p50_ms']:.1f} / {measure['p95_ms']:.1f} / "
        f"{measure['p99_ms']:.1f}"
    )


def _latency_table(results, pages) -> list[str]:
    databases = results["databases"]
    header = "| Page | " + " | ".join(f"{db} @{n}" for db in databases for n in (1, 16))
    lines = [
        "## Throughput and latency",
        "",
        "req/s · p50 / p95 / p99 in ms, at 1 and 16 connections.",
        "",
        header + " |",
        "|---" * (1 + 2 * len(databases)) + "|",
    ]
    for page in pages:
        cells = []
        for db in databases.values():
            measure = db.get(page["key"], {})
            if measure.get("absent"):
                cells += ["absent", "absent"]
            else:
                cells += [_cell(measure.get("c1")), _cell(measure.get("c16"))]
        lines.append(f"| {page['label']} | " + " | ".join(cells) + " |")
    return lines


def _rps(results, db, key, connections=16):
    measure = results["databases"].get(db, {}).get(key, {})
    return measure.get(f"c{connections}", {}).get("rps")


def _references(results, pages) -> list[str]:
    lines = [
        "## Against the limit (nginx, same HTML as static files) and the peer (django-wiki)",
        "",
        "At 16 connections.",
        "",
        "| Page | ours SQLite req/s | ours PostgreSQL req/s | nginx static req/s | "
        "SQLite / nginx | PostgreSQL / nginx | behind nginx micro-cache: req/s · p95 ms |",
        "|---|---|---|---|---|---|---|",
    ]
    nginx = results.get("nginx", {})
    proxy = results.get("nginx_proxy_cache", {})
    for page in pages:
        if page["key"] not in nginx:
            continue
        ours = _rps(results, "sqlite", page["key"])
        pg = _rps(results, "postgresql", page["key"])
        limit = nginx[page["key"]]["rps"]
        cached = proxy.get(page["key"], {}).get("c16")
        lines.append(
            f"| {page['label']} | {ours or '–'} | {pg or '–'} | {limit:.0f} | "
            f"{(ours or 0) / limit:.1%} | {(pg or 0) / limit:.1%} | "
            + (f"{cached['rps']:.0f} · {cached['p95_ms']}" if cached else "–")
            + " |"
        )
    peer = results.get("peer")
    if peer:
        lines += [
            "",
            "| Page | ours SQLite req/s @16 | ours PostgreSQL | django-wiki req/s @16 | "
            "ratio SQLite | ratio PostgreSQL | django-wiki p95 | HTML ours / django-wiki |",
            "|---|---|---|---|---|---|---|---|",
        ]
        weights = results.get("weights", {})
        for key in ("article", "history"):
            ours = _rps(results, "sqlite", key) or 0
            pg = _rps(results, "postgresql", key) or 0
            theirs = peer[key]["c16"]["rps"]
            lines.append(
                f"| {key} | {ours} | {pg or '–'} | {theirs} | {ours / theirs:.1f}× | "
                f"{(pg / theirs) if pg else 0:.1f}× | {peer[key]['c16']['p95_ms']} ms | "
                f"{weights.get(key, {}).get('html_bytes', '?')} / {peer[key]['html_bytes']} |"
            )
    return lines


def _weights(results, pages) -> list[str]:
    weights = results.get("weights", {})
    lines = [
        "## Weight of a first visit (Chromium, empty cache)",
        "",
        "| Page | HTML bytes | HTML gzipped | transferred | requests | DOM nodes | EcoIndex |",
        "|---|---|---|---|---|---|---|",
    ]
    for page in pages:
        w = weights.get(page["key"])
        if w:
            lines.append(
                f"| {page['label']} | {w['html_bytes']:,} | {w['html_gzip_bytes']:,} | "
                f"{w['transferred_bytes']:,} | {w['requests']} | {w['dom_nodes']} | "
                f"{w['ecoindex']} {w['grade']} |"
            )
    return lines


def _growth(results, pages) -> list[str]:
    small = results.get("growth_small", {})
    sqlite = results["databases"].get("sqlite", {})
    lines = [
        f"## Growth: the same pages on SQLite with {results['settings'].get('small', 0):,} and "
        f"with {results['settings']['items']:,} items (16 connections)",
        "",
        "| Page | req/s small | req/s large | p95 small | p95 large |",
        "|---|---|---|---|---|",
    ]
    for page in pages:
        a, b = small.get(page["key"], {}).get("c16"), sqlite.get(page["key"], {}).get("c16")
        if a and b:
            lines.append(
                f"| {page['label']} | {a['rps']:.0f} | {b['rps']:.0f} | {a['p95_ms']} | "
                f"{b['p95_ms']} |"
            )
    return lines


def _misses(results, pages) -> list[str]:
    misses = []
    for db, measures in results["databases"].items():
        for page in pages:
            c16 = measures.get(page["key"], {}).get("c16")
            if c16 and c16["p95_ms"] >= P95_TARGET_MS:
                misses.append(f"{page['label']}: p95 {c16['p95_ms']} ms at 16 connections ({db})")
            if c16 and c16["errors"]:
                misses.append(f"{page['label']}: {c16['errors']} errors ({db})")
    for page in pages:
        w = results.get("weights", {}).get(page["key"])
        if w and w["html_bytes"] > HTML_LIMIT:
            misses.append(f"{page['label']}: {w['html_bytes']:,} bytes of HTML (limit 30 KB)")
        if w and w["grade"] != "A":
            misses.append(f"{page['label']}: EcoIndex {w['ecoindex']} {w['grade']}")
    peer = results.get("peer")
    if peer:
        for key in ("article", "history"):
            for db in results["databases"]:
                ours = _rps(results, db, key) or 0
                if ours < PEER_FACTOR * peer[key]["c16"]["rps"]:
                    misses.append(f"{key}: {ours} req/s, under 3× django-wiki ({db})")
    absent = [p["label"] for p in pages if p.get("status") != 200]
    return [
        "## Targets missed",
        "",
        *([f"- {m}" for m in misses] or ["- none"]),
        "",
        "Absent (the section does not exist yet): " + (", ".join(absent) or "none") + ".",
    ]
