"""Initial archive: articles, claims, meetings, meeting reports, KB versions, ingest runs,
and full-text search (SQLite FTS5 / PostgreSQL tsvector + GIN).

Revision ID: 0001
Revises:
Create Date: 2026-11-29
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

Id = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
Json = sa.JSON().with_variant(JSONB(), "postgresql")
TZ = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "kb_versions",
        sa.Column("id", Id, nullable=False),
        sa.Column("version", sa.String(100), nullable=False),
        sa.Column("as_of", sa.Date(), nullable=False),
        sa.Column("first_used", TZ, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_kb_versions"),
        sa.UniqueConstraint("version", "as_of", name="uq_kb_versions_version_as_of"),
    )
    op.create_table(
        "ingest_runs",
        sa.Column("id", Id, nullable=False),
        sa.Column("command", sa.String(20), nullable=False),
        sa.Column("started_at", TZ, nullable=False),
        sa.Column("finished_at", TZ, nullable=True),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("sources", Json, nullable=False),
        sa.Column("workers", sa.Integer(), nullable=False),
        sa.Column("scheduler", sa.String(300), nullable=True),
        sa.Column("kb_version_id", Id, nullable=True),
        sa.Column("counts", Json, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_ingest_runs"),
        sa.ForeignKeyConstraint(["kb_version_id"], ["kb_versions.id"], name="fk_ingest_runs_kb_version_id_kb_versions"),
    )
    op.create_table(
        "ingest_problems",
        sa.Column("id", Id, nullable=False),
        sa.Column("run_id", Id, nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_ingest_problems"),
        sa.ForeignKeyConstraint(["run_id"], ["ingest_runs.id"], name="fk_ingest_problems_run_id_ingest_runs",
                                ondelete="CASCADE"),
    )
    op.create_index("ix_ingest_problems_run_id", "ingest_problems", ["run_id"])
    op.create_table(
        "articles",
        sa.Column("id", Id, nullable=False),
        sa.Column("url", sa.Text(), nullable=True),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("title", sa.Text(), nullable=True),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("as_of", sa.Date(), nullable=True),
        sa.Column("language", sa.String(10), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.Column("source_id", sa.Text(), nullable=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("fetched", sa.String(40), nullable=True),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("norm_title", sa.Text(), nullable=False),
        sa.Column("norm_text", sa.Text(), nullable=False),
        sa.Column("search_alt", sa.Text(), nullable=False),
        sa.Column("notes", Json, nullable=False),
        sa.Column("n_supported", sa.Integer(), nullable=False),
        sa.Column("n_refuted", sa.Integer(), nullable=False),
        sa.Column("n_unverifiable", sa.Integer(), nullable=False),
        sa.Column("n_meetings", sa.Integer(), nullable=False),
        sa.Column("kb_version_id", Id, nullable=True),
        sa.Column("ingest_run_id", Id, nullable=True),
        sa.Column("ingested_at", TZ, nullable=False),
        sa.Column("checked_at", TZ, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_articles"),
        sa.UniqueConstraint("url", name="uq_articles_url"),
        sa.UniqueConstraint("content_hash", name="uq_articles_content_hash"),
        sa.ForeignKeyConstraint(["kb_version_id"], ["kb_versions.id"], name="fk_articles_kb_version_id_kb_versions"),
        sa.ForeignKeyConstraint(["ingest_run_id"], ["ingest_runs.id"], name="fk_articles_ingest_run_id_ingest_runs",
                                ondelete="SET NULL"),
    )
    op.create_index("ix_articles_date", "articles", ["date"])
    op.create_table(
        "claims",
        sa.Column("id", Id, nullable=False),
        sa.Column("article_id", Id, nullable=False),
        sa.Column("ordinal", sa.Integer(), nullable=False),
        sa.Column("mention", sa.Text(), nullable=False),
        sa.Column("start", sa.Integer(), nullable=False),
        sa.Column("end", sa.Integer(), nullable=False),
        sa.Column("sentence", sa.Text(), nullable=False),
        sa.Column("person_id", sa.String(100), nullable=True),
        sa.Column("person_name_en", sa.Text(), nullable=True),
        sa.Column("person_name_ar", sa.Text(), nullable=True),
        sa.Column("wikidata", sa.String(20), nullable=True),
        sa.Column("role", sa.String(40), nullable=True),
        sa.Column("country", sa.String(10), nullable=True),
        sa.Column("org", sa.String(40), nullable=True),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("date_basis", sa.String(20), nullable=True),
        sa.Column("verdict", sa.String(20), nullable=False),
        sa.Column("reason", sa.String(60), nullable=True),
        sa.Column("explanation_en", sa.Text(), nullable=True),
        sa.Column("explanation_ar", sa.Text(), nullable=True),
        sa.Column("actual_holder_id", sa.String(100), nullable=True),
        sa.Column("record", Json, nullable=False),
        sa.Column("kb_version_id", Id, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_claims"),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], name="fk_claims_article_id_articles",
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["kb_version_id"], ["kb_versions.id"], name="fk_claims_kb_version_id_kb_versions"),
    )
    op.create_index("ix_claims_article_id", "claims", ["article_id"])
    op.create_index("ix_claims_person_id_date", "claims", ["person_id", "date"])
    op.create_index("ix_claims_verdict", "claims", ["verdict"])
    op.create_table(
        "meetings",
        sa.Column("id", Id, nullable=False),
        sa.Column("key", sa.Text(), nullable=False),
        sa.Column("kind", sa.String(20), nullable=True),
        sa.Column("status", sa.String(20), nullable=True),
        sa.Column("date", sa.Date(), nullable=True),
        sa.Column("date_basis", sa.String(20), nullable=True),
        sa.Column("place_name", sa.Text(), nullable=True),
        sa.Column("place_country", sa.String(10), nullable=True),
        sa.Column("participants", Json, nullable=False),
        sa.Column("topics", Json, nullable=False),
        sa.Column("n_reports", sa.Integer(), nullable=False),
        sa.Column("first_reported", sa.Date(), nullable=True),
        sa.Column("last_reported", sa.Date(), nullable=True),
        sa.Column("people", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_meetings"),
        sa.UniqueConstraint("key", name="uq_meetings_key"),
    )
    op.create_index("ix_meetings_date", "meetings", ["date"])
    op.create_table(
        "meeting_reports",
        sa.Column("id", Id, nullable=False),
        sa.Column("article_id", Id, nullable=False),
        sa.Column("meeting_id", Id, nullable=False),
        sa.Column("record", Json, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_meeting_reports"),
        sa.UniqueConstraint("article_id", "meeting_id", name="uq_meeting_reports_article_id_meeting_id"),
        sa.ForeignKeyConstraint(["article_id"], ["articles.id"], name="fk_meeting_reports_article_id_articles",
                                ondelete="CASCADE"),
        sa.ForeignKeyConstraint(["meeting_id"], ["meetings.id"], name="fk_meeting_reports_meeting_id_meetings",
                                ondelete="CASCADE"),
    )
    op.create_index("ix_meeting_reports_meeting_id", "meeting_reports", ["meeting_id"])

    from liqaa.store import fts

    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        fts.create_sqlite(op.execute)
    elif bind.dialect.name == "postgresql":
        fts.create_postgresql(op.execute)


def downgrade() -> None:
    from liqaa.store import fts

    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        fts.drop_sqlite(op.execute)
    elif bind.dialect.name == "postgresql":
        fts.drop_postgresql(op.execute)
    for table in ("meeting_reports", "meetings", "claims", "articles", "ingest_problems", "ingest_runs",
                  "kb_versions"):
        op.drop_table(table)
