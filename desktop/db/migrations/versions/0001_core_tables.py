"""Core tables: installation, units, people, ratings, discipline, initiatives, catalog, history,
movements.

Revision ID: 0001
Revises:
Create Date: 2026-11-22 08:14:32.187502
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('award_kinds',
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=255), nullable=False),
    sa.Column('short_name', sa.String(length=60), nullable=False),
    sa.Column('category', sa.String(length=10), nullable=False),
    sa.Column('level', sa.String(length=10), nullable=False),
    sa.Column('subjects', sa.String(length=60), nullable=False),
    sa.Column('issuer', sa.String(length=255), nullable=False),
    sa.Column('coef_individual', sa.Numeric(precision=6, scale=2), nullable=True),
    sa.Column('coef_collective', sa.Numeric(precision=6, scale=2), nullable=True),
    sa.Column('coef_household', sa.Numeric(precision=6, scale=2), nullable=True),
    sa.Column('legal_basis', sa.String(length=255), nullable=False),
    sa.Column('legal_article', sa.String(length=120), nullable=False),
    sa.Column('lineage', sa.String(length=40), nullable=False),
    sa.Column('rank', sa.Integer(), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=True),
    sa.Column('valid_to', sa.Date(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('owner_uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_award_kinds')),
    sa.UniqueConstraint('code', name=op.f('uq_award_kinds_code')),
    sa.UniqueConstraint('uuid', name=op.f('uq_award_kinds_uuid'))
    )
    op.create_table('base_salaries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('effective_from', sa.Date(), nullable=False),
    sa.Column('amount', sa.Integer(), nullable=False),
    sa.Column('legal_basis', sa.String(length=255), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_base_salaries')),
    sa.UniqueConstraint('effective_from', name=op.f('uq_base_salaries_effective_from'))
    )
    op.create_table('province_parameters',
    sa.Column('key', sa.String(length=80), nullable=False),
    sa.Column('value', sa.JSON(), nullable=False),
    sa.Column('label', sa.String(length=255), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('source', sa.String(length=255), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_province_parameters'))
    )
    op.create_table('units',
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('name', sa.String(length=255), nullable=False),
    sa.Column('short_name', sa.String(length=100), nullable=False),
    sa.Column('code', sa.String(length=50), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('level', sa.String(length=20), nullable=False),
    sa.Column('address', sa.String(length=255), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=True),
    sa.Column('valid_to', sa.Date(), nullable=True),
    sa.Column('search_key', sa.String(length=255), nullable=False),
    sa.Column('sort_key', sa.String(length=600), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('owner_uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['parent_id'], ['units.id'], name=op.f('fk_units_parent_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_units')),
    sa.UniqueConstraint('uuid', name=op.f('uq_units_uuid'))
    )
    with op.batch_alter_table('units', schema=None) as batch_op:
        batch_op.create_index('ix_units_code', ['code'], unique=False)
        batch_op.create_index(batch_op.f('ix_units_parent_id'), ['parent_id'], unique=False)
        batch_op.create_index('ix_units_parent_sort', ['parent_id', 'sort_key'], unique=False)
        batch_op.create_index('ix_units_search_key', ['search_key'], unique=False)

    op.create_table('installation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('office_name', sa.String(length=255), nullable=False),
    sa.Column('level', sa.String(length=20), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('parent_office_name', sa.String(length=255), nullable=False),
    sa.Column('parent_office_code', sa.String(length=50), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_installation_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_installation')),
    sa.UniqueConstraint('uuid', name=op.f('uq_installation_uuid'))
    )
    op.create_table('movements',
    sa.Column('name', sa.String(length=500), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('directive_number', sa.String(length=50), nullable=False),
    sa.Column('directive_date', sa.Date(), nullable=True),
    sa.Column('issuer', sa.String(length=255), nullable=False),
    sa.Column('theme', sa.Text(), nullable=False),
    sa.Column('period_start', sa.Date(), nullable=True),
    sa.Column('period_end', sa.Date(), nullable=True),
    sa.Column('organiser_unit_id', sa.Integer(), nullable=True),
    sa.Column('head_target_rule', sa.Boolean(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('owner_uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['organiser_unit_id'], ['units.id'], name=op.f('fk_movements_organiser_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_movements')),
    sa.UniqueConstraint('uuid', name=op.f('uq_movements_uuid'))
    )
    op.create_table('people',
    sa.Column('full_name', sa.String(length=150), nullable=False),
    sa.Column('gender', sa.String(length=10), nullable=False),
    sa.Column('birth_date', sa.Date(), nullable=True),
    sa.Column('ethnicity', sa.String(length=50), nullable=False),
    sa.Column('citizen_id', sa.String(length=12), nullable=True),
    sa.Column('position', sa.String(length=255), nullable=False),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('is_unit_head', sa.Boolean(), nullable=False),
    sa.Column('is_direct_worker', sa.Boolean(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('search_key', sa.String(length=400), nullable=False),
    sa.Column('sort_key', sa.String(length=600), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('owner_uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_people_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_people')),
    sa.UniqueConstraint('uuid', name=op.f('uq_people_uuid'))
    )
    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.create_index('ix_people_birth_date', ['birth_date'], unique=False)
        batch_op.create_index('ix_people_citizen_id', ['citizen_id'], unique=False)
        batch_op.create_index('ix_people_sort', ['deleted_at', 'sort_key', 'id'], unique=False)
        batch_op.create_index('ix_people_unit_sort', ['unit_id', 'sort_key'], unique=False)

    op.create_table('award_records',
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('household_name', sa.String(length=255), nullable=False),
    sa.Column('award_kind_id', sa.Integer(), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('achievement_kind', sa.String(length=20), nullable=False),
    sa.Column('period_from', sa.Date(), nullable=True),
    sa.Column('period_to', sa.Date(), nullable=True),
    sa.Column('decision_number', sa.String(length=50), nullable=False),
    sa.Column('decision_date', sa.Date(), nullable=True),
    sa.Column('issuer', sa.String(length=255), nullable=False),
    sa.Column('amount', sa.Integer(), nullable=True),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('owner_uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['award_kind_id'], ['award_kinds.id'], name=op.f('fk_award_records_award_kind_id_award_kinds')),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_award_records_person_id_people')),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_award_records_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_award_records')),
    sa.UniqueConstraint('uuid', name=op.f('uq_award_records_uuid'))
    )
    with op.batch_alter_table('award_records', schema=None) as batch_op:
        batch_op.create_index('ix_award_records_kind', ['award_kind_id'], unique=False)
        batch_op.create_index('ix_award_records_person_year', ['person_id', 'year'], unique=False)
        batch_op.create_index('ix_award_records_unit_year', ['unit_id', 'year'], unique=False)

    op.create_table('disciplines',
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('form', sa.String(length=30), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('decision_number', sa.String(length=50), nullable=False),
    sa.Column('decision_date', sa.Date(), nullable=True),
    sa.Column('effective_from', sa.Date(), nullable=True),
    sa.Column('effective_to', sa.Date(), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('owner_uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_disciplines_person_id_people')),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_disciplines_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_disciplines')),
    sa.UniqueConstraint('uuid', name=op.f('uq_disciplines_uuid'))
    )
    with op.batch_alter_table('disciplines', schema=None) as batch_op:
        batch_op.create_index('ix_disciplines_person', ['person_id'], unique=False)
        batch_op.create_index('ix_disciplines_unit', ['unit_id'], unique=False)

    op.create_table('initiatives',
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(length=500), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('scope', sa.String(length=20), nullable=False),
    sa.Column('decision_number', sa.String(length=50), nullable=False),
    sa.Column('decision_date', sa.Date(), nullable=True),
    sa.Column('recognised_by', sa.String(length=255), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('owner_uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_initiatives_person_id_people')),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_initiatives_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_initiatives')),
    sa.UniqueConstraint('uuid', name=op.f('uq_initiatives_uuid'))
    )
    with op.batch_alter_table('initiatives', schema=None) as batch_op:
        batch_op.create_index('ix_initiatives_person_year', ['person_id', 'year'], unique=False)
        batch_op.create_index('ix_initiatives_unit_year', ['unit_id', 'year'], unique=False)

    op.create_table('movement_targets',
    sa.Column('movement_id', sa.Integer(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('indicator', sa.String(length=500), nullable=False),
    sa.Column('measure_unit', sa.String(length=50), nullable=False),
    sa.Column('planned_value', sa.Float(), nullable=True),
    sa.Column('direction', sa.String(length=10), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('owner_uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['movement_id'], ['movements.id'], name=op.f('fk_movement_targets_movement_id_movements')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_movement_targets')),
    sa.UniqueConstraint('uuid', name=op.f('uq_movement_targets_uuid'))
    )
    with op.batch_alter_table('movement_targets', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_movement_targets_movement_id'), ['movement_id'], unique=False)

    op.create_table('ratings',
    sa.Column('person_id', sa.Integer(), nullable=True),
    sa.Column('unit_id', sa.Integer(), nullable=True),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('level', sa.String(length=10), nullable=False),
    sa.Column('note', sa.String(length=255), nullable=False),
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('uuid', sa.String(length=36), nullable=False),
    sa.Column('owner_uuid', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['person_id'], ['people.id'], name=op.f('fk_ratings_person_id_people')),
    sa.ForeignKeyConstraint(['unit_id'], ['units.id'], name=op.f('fk_ratings_unit_id_units')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ratings')),
    sa.UniqueConstraint('person_id', 'unit_id', 'year', name='uq_ratings_subject_year'),
    sa.UniqueConstraint('uuid', name=op.f('uq_ratings_uuid'))
    )
    with op.batch_alter_table('ratings', schema=None) as batch_op:
        batch_op.create_index('ix_ratings_person_year', ['person_id', 'year'], unique=False)
        batch_op.create_index('ix_ratings_unit_year', ['unit_id', 'year'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('ratings', schema=None) as batch_op:
        batch_op.drop_index('ix_ratings_unit_year')
        batch_op.drop_index('ix_ratings_person_year')

    op.drop_table('ratings')
    with op.batch_alter_table('movement_targets', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_movement_targets_movement_id'))

    op.drop_table('movement_targets')
    with op.batch_alter_table('initiatives', schema=None) as batch_op:
        batch_op.drop_index('ix_initiatives_unit_year')
        batch_op.drop_index('ix_initiatives_person_year')

    op.drop_table('initiatives')
    with op.batch_alter_table('disciplines', schema=None) as batch_op:
        batch_op.drop_index('ix_disciplines_unit')
        batch_op.drop_index('ix_disciplines_person')

    op.drop_table('disciplines')
    with op.batch_alter_table('award_records', schema=None) as batch_op:
        batch_op.drop_index('ix_award_records_unit_year')
        batch_op.drop_index('ix_award_records_person_year')
        batch_op.drop_index('ix_award_records_kind')

    op.drop_table('award_records')
    with op.batch_alter_table('people', schema=None) as batch_op:
        batch_op.drop_index('ix_people_unit_sort')
        batch_op.drop_index('ix_people_sort')
        batch_op.drop_index('ix_people_citizen_id')
        batch_op.drop_index('ix_people_birth_date')

    op.drop_table('people')
    op.drop_table('movements')
    op.drop_table('installation')
    with op.batch_alter_table('units', schema=None) as batch_op:
        batch_op.drop_index('ix_units_search_key')
        batch_op.drop_index('ix_units_parent_sort')
        batch_op.drop_index(batch_op.f('ix_units_parent_id'))
        batch_op.drop_index('ix_units_code')

    op.drop_table('units')
    op.drop_table('province_parameters')
    op.drop_table('base_salaries')
    op.drop_table('award_kinds')
