"""The spend-screening benchmark runs end to end on a small file and all variants agree."""

from bench import spend_screening


def test_benchmark_on_ten_thousand_rows(tmp_path):
    report = spend_screening.run(10_000, threads=1, workdir=tmp_path)
    assert report["agree"]
    assert set(report["results"]) == {"kedja", "duckdb_sql", "pandas"}
    assert all(r["peak_mb"] > 0 and r["seconds"] > 0 for r in report["results"].values())
