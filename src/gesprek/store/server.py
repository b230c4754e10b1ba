"""The unit's shared record on PostgreSQL (psycopg 3): the schema with its numbered
migrations, the one function facilitators may call, the views management reads, and the
few queries gesprek runs there. psycopg is imported only here, inside the functions, so
that no command that stays local pays for it.

Connection strings are libpq's (``host=... dbname=...`` or ``postgresql://...``);
credentials come from libpq's own means (``~/.pgpass``, a service file, ``PGPASSWORD``).
No message of this module ever repeats the connection string or a libpq error text,
which may name the user or the host."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from gesprek.errors import ServerError, UsageError

SCHEMA = "gesprek"
ROLE_SEND = "gesprek_insturen"  # facilitators: may only call gesprek.insturen(jsonb)
ROLE_READ = "gesprek_lezen"  # management: may only read the views
PAYLOAD_FORMAT = 1  # the version of the payload that gesprek.insturen accepts
CONNECT_TIMEOUT = 10  # seconds, unless the connection string says otherwise

INSTALL_HINT = (
    'Installeer het stuurprogramma in de omgeving van gesprek: pip install "psycopg[binary]"'
)


def _psycopg() -> Any:
    try:
        import psycopg
    except ImportError:
        raise ServerError(
            "het PostgreSQL-stuurprogramma (psycopg) ontbreekt", hint=INSTALL_HINT
        ) from None
    return psycopg


def check_conninfo(text: str | None) -> str:
    """The connection string, checked for its form only (nothing is connected)."""
    hint = (
        "Geef een verbindingstekst van PostgreSQL, bijvoorbeeld "
        "'host=db.eenheid.local dbname=gesprek' of 'postgresql://db.eenheid.local/gesprek', "
        "met --server of GESPREK_SERVER."
    )
    if text is None or not text.strip():
        raise UsageError("geen server opgegeven", hint=hint)
    psycopg = _psycopg()
    try:
        psycopg.conninfo.conninfo_to_dict(text)
    except psycopg.Error:
        raise UsageError("--server is geen geldige verbindingstekst", hint=hint) from None
    if "=" not in text and "://" not in text:
        # libpq reads a bare word as a database name; a typo or a file path would then
        # quietly go to a local server.
        raise UsageError("--server is geen geldige verbindingstekst", hint=hint)
    return text


def _translate(exc: Exception) -> ServerError:
    """A Dutch message for a psycopg error, without its text (which may hold names)."""
    psycopg = _psycopg()
    state = getattr(exc, "sqlstate", None) or ""
    if isinstance(exc, psycopg.OperationalError) and not state:
        text = str(exc).lower()
        if "password" in text or "authentication" in text:
            return ServerError(
                "de server weigert de aanmelding",
                hint="Controleer gebruiker en wachtwoord (bijvoorbeeld in ~/.pgpass of PGPASSWORD).",
            )
        if "ssl" in text or "certificate" in text:
            return ServerError(
                "geen veilige verbinding met de server mogelijk (TLS)",
                hint="Controleer sslmode en het certificaat van de eenheid (sslrootcert).",
            )
        return ServerError(
            "de server van de eenheid is niet bereikbaar",
            hint="Er is niets verloren: probeer het later opnieuw, of vraag de IT van de eenheid.",
        )
    if state == "28P01" or state.startswith("28"):
        return ServerError(
            "de server weigert de aanmelding",
            hint="Controleer gebruiker en wachtwoord (bijvoorbeeld in ~/.pgpass of PGPASSWORD).",
        )
    if state == "42501":
        return ServerError(
            "geen toestemming op de server voor deze handeling",
            hint=f"Vraag de IT van de eenheid om de rol {ROLE_SEND} (insturen) of "
            f"{ROLE_READ} (overzicht en export).",
        )
    if state in ("3F000", "42P01", "42883"):
        return ServerError(
            "de server is nog niet ingericht voor gesprek",
            hint="De beheerder van de database draait eerst: gesprek inrichten --server ...",
        )
    if state == "3D000":
        return ServerError("de database op de server bestaat niet")
    if state == "22023" and isinstance(exc, psycopg.Error) and exc.diag.message_primary:
        # Our own function's refusal: its message is ours, in Dutch, and names no data.
        return ServerError(f"de server weigert de gegevens: {exc.diag.message_primary}")
    if state.startswith("08") or state in ("57P01", "57P02", "57P03"):
        return ServerError(
            "de verbinding met de server is verbroken",
            hint="Er is niets verloren: probeer het later opnieuw.",
        )
    return ServerError(f"fout op de server (code {state or 'onbekend'})")


@dataclass
class Server:
    """An open connection to the unit's server."""

    conn: Any

    def close(self) -> None:
        self.conn.close()

    @contextmanager
    def transaction(self) -> Iterator[Any]:
        psycopg = _psycopg()
        try:
            with self.conn.transaction(), self.conn.cursor() as cursor:
                yield cursor
        except psycopg.Error as exc:
            raise _translate(exc) from None


def connect(conninfo: str) -> Server:
    psycopg = _psycopg()
    check_conninfo(conninfo)
    extra: dict[str, Any] = {"application_name": "gesprek", "autocommit": True}
    if "connect_timeout" not in psycopg.conninfo.conninfo_to_dict(conninfo):
        extra["connect_timeout"] = CONNECT_TIMEOUT
    try:
        conn = psycopg.connect(conninfo, **extra)
    except psycopg.Error as exc:
        raise _translate(exc) from None
    return Server(conn)


@contextmanager
def opened(conninfo: str) -> Iterator[Server]:
    server = connect(conninfo)
    try:
        yield server
    finally:
        server.close()


# -- schema -----------------------------------------------------------------------------------

# Numbered, add-only migrations of the server schema; ``inrichten`` runs the missing ones and
# (re)creates the function, the views and the grants, all in one transaction.
MIGRATIONS: list[str] = [
    f"""
    CREATE TABLE {SCHEMA}.server (
        id            uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        schema_versie integer NOT NULL
    );
    INSERT INTO {SCHEMA}.server (schema_versie) VALUES (0);
    CREATE TABLE {SCHEMA}.sessies (
        uuid        uuid PRIMARY KEY,
        revisie     integer NOT NULL CHECK (revisie >= 0),
        eenheid     text NOT NULL,
        team        text NOT NULL,
        datum       date NOT NULL,
        programma   text,
        status      text NOT NULL CHECK (status IN ('afgerond', 'onderbroken')),
        gepland     integer NOT NULL CHECK (gepland >= 0),
        klaar       integer NOT NULL CHECK (klaar >= 0),
        themas      text[] NOT NULL,
        kernwaarden text[] NOT NULL
    );
    CREATE INDEX sessies_eenheid_team ON {SCHEMA}.sessies (eenheid, team);
    CREATE TABLE {SCHEMA}.onderdelen (
        sessie     uuid NOT NULL REFERENCES {SCHEMA}.sessies (uuid) ON DELETE CASCADE,
        volgnummer integer NOT NULL,
        item       text,
        type       text NOT NULL,
        thema      text,
        PRIMARY KEY (sessie, volgnummer)
    );
    CREATE TABLE {SCHEMA}.stemmen (
        sessie     uuid NOT NULL,
        volgnummer integer NOT NULL,
        stap       integer,
        stemmen    jsonb NOT NULL,
        FOREIGN KEY (sessie, volgnummer)
            REFERENCES {SCHEMA}.onderdelen (sessie, volgnummer) ON DELETE CASCADE
    );
    CREATE INDEX stemmen_sessie ON {SCHEMA}.stemmen (sessie, volgnummer)
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)

ITEM_TYPES = ("dilemma", "casus", "kennisvraag", "stelling", "beroepscode", "ronde")
ID_RE = "^[a-z0-9]+(-[a-z0-9]+)*$"

# The one function facilitators may call. SECURITY DEFINER: it writes with the owner's
# rights, so the facilitators' role needs no right on any table. Every object and every
# field is checked against the list of what may be shared; anything else is refused.
FUNCTION = f"""
CREATE OR REPLACE FUNCTION {SCHEMA}._weiger(melding text) RETURNS void
LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION USING ERRCODE = '22023', MESSAGE = melding;
END $$;

CREATE OR REPLACE FUNCTION {SCHEMA}._velden(obj jsonb, toegestaan text[], waar text)
RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    veld text;
BEGIN
    IF jsonb_typeof(obj) IS DISTINCT FROM 'object' THEN
        PERFORM {SCHEMA}._weiger(format('%s is geen object', waar));
    END IF;
    FOR veld IN SELECT jsonb_object_keys(obj) LOOP
        IF NOT veld = ANY (toegestaan) THEN
            PERFORM {SCHEMA}._weiger(format('onbekend veld %L in %s', left(veld, 40), waar));
        END IF;
    END LOOP;
END $$;

CREATE OR REPLACE FUNCTION {SCHEMA}._ids(arr jsonb, waar text) RETURNS text[]
LANGUAGE plpgsql AS $$
DECLARE
    uit text[] := '{{}}';
    el jsonb;
BEGIN
    IF jsonb_typeof(arr) IS DISTINCT FROM 'array' THEN
        PERFORM {SCHEMA}._weiger(format('%s is geen lijst', waar));
    END IF;
    FOR el IN SELECT * FROM jsonb_array_elements(arr) LOOP
        IF jsonb_typeof(el) IS DISTINCT FROM 'string' OR length(el #>> '{{}}') > 80
           OR NOT (el #>> '{{}}') ~ '{ID_RE}' THEN
            PERFORM {SCHEMA}._weiger(format('%s bevat iets anders dan ids', waar));
        END IF;
        uit := uit || (el #>> '{{}}');
    END LOOP;
    RETURN uit;
END $$;

CREATE OR REPLACE FUNCTION {SCHEMA}._id(waarde jsonb, waar text, leeg_mag boolean)
RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    IF waarde IS NULL OR jsonb_typeof(waarde) = 'null' THEN
        IF NOT leeg_mag THEN
            PERFORM {SCHEMA}._weiger(format('%s ontbreekt', waar));
        END IF;
        RETURN NULL;
    END IF;
    IF jsonb_typeof(waarde) <> 'string' OR length(waarde #>> '{{}}') > 80
       OR NOT (waarde #>> '{{}}') ~ '{ID_RE}' THEN
        PERFORM {SCHEMA}._weiger(format('%s is geen id', waar));
    END IF;
    RETURN waarde #>> '{{}}';
END $$;

CREATE OR REPLACE FUNCTION {SCHEMA}._getal(waarde jsonb, waar text) RETURNS integer
LANGUAGE plpgsql AS $$
BEGIN
    IF jsonb_typeof(waarde) IS DISTINCT FROM 'number' OR (waarde #>> '{{}}') !~ '^[0-9]{{1,9}}$' THEN
        PERFORM {SCHEMA}._weiger(format('%s is geen geheel getal van 0 of meer', waar));
    END IF;
    RETURN (waarde #>> '{{}}')::integer;
END $$;

CREATE OR REPLACE FUNCTION {SCHEMA}._label(waarde jsonb, waar text) RETURNS text
LANGUAGE plpgsql AS $$
DECLARE
    t text;
BEGIN
    IF jsonb_typeof(waarde) IS DISTINCT FROM 'string' THEN
        PERFORM {SCHEMA}._weiger(format('%s ontbreekt of is geen tekst', waar));
    END IF;
    t := waarde #>> '{{}}';
    IF length(btrim(t)) = 0 OR length(t) > 200 OR t ~ '[[:cntrl:]]' THEN
        PERFORM {SCHEMA}._weiger(format('%s moet 1 tot 200 tekens zonder regeleinden zijn', waar));
    END IF;
    RETURN t;
END $$;

CREATE OR REPLACE FUNCTION {SCHEMA}.insturen(p jsonb) RETURNS jsonb
LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    s jsonb;
    o jsonb;
    v jsonb;
    optie text;
    sid uuid;
    rev integer;
    oud integer;
    volg integer;
    eenheid text;
    nieuw integer := 0;
    zelfde integer := 0;
    weg integer := 0;
    n integer;
BEGIN
    PERFORM {SCHEMA}._velden(p, ARRAY['formaat', 'eenheid', 'sessies', 'gewist'], 'de inzending');
    IF p -> 'formaat' IS DISTINCT FROM to_jsonb({PAYLOAD_FORMAT}) THEN
        PERFORM {SCHEMA}._weiger('onbekend formaat van de inzending (werk gesprek bij)');
    END IF;
    IF jsonb_typeof(coalesce(p -> 'sessies', '[]')) <> 'array'
       OR jsonb_typeof(coalesce(p -> 'gewist', '[]')) <> 'array' THEN
        PERFORM {SCHEMA}._weiger('sessies en gewist moeten lijsten zijn');
    END IF;
    IF jsonb_array_length(coalesce(p -> 'sessies', '[]')) > 0 THEN
        eenheid := {SCHEMA}._label(p -> 'eenheid', 'eenheid');
    END IF;
    FOR s IN SELECT * FROM jsonb_array_elements(coalesce(p -> 'sessies', '[]')) LOOP
        PERFORM {SCHEMA}._velden(s, ARRAY['uuid', 'revisie', 'team', 'datum', 'programma',
            'status', 'gepland', 'klaar', 'themas', 'kernwaarden', 'onderdelen'], 'een sessie');
        BEGIN
            sid := (s ->> 'uuid')::uuid;
        EXCEPTION WHEN others THEN
            PERFORM {SCHEMA}._weiger('uuid van een sessie is ongeldig');
        END;
        IF sid IS NULL THEN
            PERFORM {SCHEMA}._weiger('uuid van een sessie ontbreekt');
        END IF;
        rev := {SCHEMA}._getal(s -> 'revisie', 'revisie');
        SELECT revisie INTO oud FROM {SCHEMA}.sessies WHERE uuid = sid FOR UPDATE;
        IF FOUND AND oud >= rev THEN
            zelfde := zelfde + 1;
            CONTINUE;
        END IF;
        IF jsonb_typeof(s -> 'datum') IS DISTINCT FROM 'string'
           OR (s ->> 'datum') !~ '^[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}$' THEN
            PERFORM {SCHEMA}._weiger('datum moet JJJJ-MM-DD zijn (alleen de dag)');
        END IF;
        IF NOT coalesce(s ->> 'status', '') IN ('afgerond', 'onderbroken') THEN
            PERFORM {SCHEMA}._weiger('status moet afgerond of onderbroken zijn');
        END IF;
        DELETE FROM {SCHEMA}.sessies WHERE uuid = sid;
        INSERT INTO {SCHEMA}.sessies VALUES (
            sid, rev, eenheid, {SCHEMA}._label(s -> 'team', 'team'), (s ->> 'datum')::date,
            {SCHEMA}._id(s -> 'programma', 'programma', true), s ->> 'status',
            {SCHEMA}._getal(s -> 'gepland', 'gepland'), {SCHEMA}._getal(s -> 'klaar', 'klaar'),
            {SCHEMA}._ids(s -> 'themas', 'themas'),
            {SCHEMA}._ids(s -> 'kernwaarden', 'kernwaarden'));
        volg := 0;
        IF jsonb_typeof(coalesce(s -> 'onderdelen', '[]')) <> 'array' THEN
            PERFORM {SCHEMA}._weiger('onderdelen moet een lijst zijn');
        END IF;
        FOR o IN SELECT * FROM jsonb_array_elements(coalesce(s -> 'onderdelen', '[]')) LOOP
            volg := volg + 1;
            IF o ? 'item' THEN
                PERFORM {SCHEMA}._velden(o, ARRAY['item', 'type', 'thema', 'vragen'],
                    'een onderdeel');
            ELSE
                -- an item from a pack of the facilitator's own: its type and theme only
                PERFORM {SCHEMA}._velden(o, ARRAY['type', 'thema'], 'een eigen onderdeel');
            END IF;
            IF NOT coalesce(o ->> 'type', '') IN ({", ".join(f"'{t}'" for t in ITEM_TYPES)}) THEN
                PERFORM {SCHEMA}._weiger('onbekend type van een onderdeel');
            END IF;
            INSERT INTO {SCHEMA}.onderdelen VALUES (sid, volg,
                {SCHEMA}._id(o -> 'item', 'item', true), o ->> 'type',
                {SCHEMA}._id(o -> 'thema', 'thema', true));
            IF jsonb_typeof(coalesce(o -> 'vragen', '[]')) <> 'array' THEN
                PERFORM {SCHEMA}._weiger('vragen moet een lijst zijn');
            END IF;
            FOR v IN SELECT * FROM jsonb_array_elements(coalesce(o -> 'vragen', '[]')) LOOP
                PERFORM {SCHEMA}._velden(v, ARRAY['stap', 'stemmen'], 'een vraag');
                IF jsonb_typeof(v -> 'stemmen') IS DISTINCT FROM 'object' THEN
                    PERFORM {SCHEMA}._weiger('stemmen moet een object zijn');
                END IF;
                FOR optie IN SELECT jsonb_object_keys(v -> 'stemmen') LOOP
                    PERFORM {SCHEMA}._id(to_jsonb(optie), 'een optie', false);
                    PERFORM {SCHEMA}._getal(v -> 'stemmen' -> optie, 'een aantal stemmen');
                END LOOP;
                INSERT INTO {SCHEMA}.stemmen VALUES (sid, volg,
                    CASE WHEN jsonb_typeof(v -> 'stap') = 'number'
                         THEN {SCHEMA}._getal(v -> 'stap', 'stap') END,
                    v -> 'stemmen');
            END LOOP;
        END LOOP;
        nieuw := nieuw + 1;
    END LOOP;
    FOR s IN SELECT * FROM jsonb_array_elements(coalesce(p -> 'gewist', '[]')) LOOP
        BEGIN
            sid := (s #>> '{{}}')::uuid;
        EXCEPTION WHEN others THEN
            PERFORM {SCHEMA}._weiger('een gewiste sessie heeft geen geldige uuid');
        END;
        DELETE FROM {SCHEMA}.sessies WHERE uuid = sid;
        GET DIAGNOSTICS n = ROW_COUNT;
        weg := weg + n;
    END LOOP;
    RETURN jsonb_build_object(
        'server', (SELECT id FROM {SCHEMA}.server),
        'schema', (SELECT schema_versie FROM {SCHEMA}.server),
        'nieuw', nieuw, 'ongewijzigd', zelfde, 'gewist', weg);
END $$;
"""

VIEWS = f"""
CREATE OR REPLACE VIEW {SCHEMA}.schema_versie AS
    SELECT schema_versie FROM {SCHEMA}.server;
CREATE OR REPLACE VIEW {SCHEMA}.alle_sessies AS
    SELECT uuid::text AS sessie, eenheid, team, datum, programma, status, gepland, klaar,
           themas, kernwaarden
    FROM {SCHEMA}.sessies;
CREATE OR REPLACE VIEW {SCHEMA}.alle_onderdelen AS
    SELECT o.sessie::text AS sessie, o.volgnummer, o.item, o.type, o.thema
    FROM {SCHEMA}.onderdelen o;
CREATE OR REPLACE VIEW {SCHEMA}.alle_stemmen AS
    SELECT v.sessie::text AS sessie, v.volgnummer, o.item, o.type, o.thema, v.stap, v.stemmen
    FROM {SCHEMA}.stemmen v
    JOIN {SCHEMA}.onderdelen o USING (sessie, volgnummer);
"""

GRANTS = f"""
REVOKE ALL ON SCHEMA {SCHEMA} FROM PUBLIC;
REVOKE ALL ON ALL TABLES IN SCHEMA {SCHEMA} FROM PUBLIC, {ROLE_SEND}, {ROLE_READ};
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA {SCHEMA} FROM PUBLIC, {ROLE_SEND}, {ROLE_READ};
GRANT USAGE ON SCHEMA {SCHEMA} TO {ROLE_SEND}, {ROLE_READ};
GRANT EXECUTE ON FUNCTION {SCHEMA}.insturen(jsonb) TO {ROLE_SEND};
GRANT SELECT ON {SCHEMA}.schema_versie, {SCHEMA}.alle_sessies, {SCHEMA}.alle_onderdelen,
    {SCHEMA}.alle_stemmen TO {ROLE_READ};
"""

ROLES = f"""
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{ROLE_SEND}') THEN
        CREATE ROLE {ROLE_SEND} NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{ROLE_READ}') THEN
        CREATE ROLE {ROLE_READ} NOLOGIN;
    END IF;
END $$;
"""


@dataclass(frozen=True)
class SetupResult:
    before: int
    after: int


def _version(cursor: Any) -> int:
    cursor.execute(
        "SELECT 1 FROM pg_catalog.pg_tables WHERE schemaname = %s AND tablename = 'server'",
        (SCHEMA,),
    )
    if cursor.fetchone() is None:
        return 0
    cursor.execute(f"SELECT schema_versie FROM {SCHEMA}.server")
    row = cursor.fetchone()
    return int(row[0]) if row else 0


def setup(server: Server) -> SetupResult:
    """Create or migrate the schema, then (re)create the function, views and grants; all in
    one transaction, so a failure leaves the server as it was. Run by the database owner."""
    psycopg = _psycopg()
    try:
        with server.conn.transaction(), server.conn.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(hashtext('gesprek inrichten'))")
            cursor.execute("SELECT 1 FROM pg_catalog.pg_namespace WHERE nspname = %s", (SCHEMA,))
            if cursor.fetchone() is None:
                cursor.execute(f"CREATE SCHEMA {SCHEMA}")
            before = _version(cursor)
            if before > SCHEMA_VERSION:
                raise ServerError(
                    f"het schema op de server is nieuwer (versie {before}) dan deze versie "
                    f"van gesprek kent ({SCHEMA_VERSION})",
                    hint="Werk gesprek bij; de server is niet aangeraakt.",
                )
            for number in range(before, SCHEMA_VERSION):
                cursor.execute(MIGRATIONS[number])
                cursor.execute(f"UPDATE {SCHEMA}.server SET schema_versie = %s", (number + 1,))
            cursor.execute(ROLES)
            cursor.execute(FUNCTION)
            cursor.execute(VIEWS)
            cursor.execute(GRANTS)
    except psycopg.Error as exc:
        if getattr(exc, "sqlstate", None) == "42501":
            raise ServerError(
                "geen toestemming om het schema in te richten",
                hint="Draai 'gesprek inrichten' als eigenaar van de database; bestaan de rollen "
                f"{ROLE_SEND} en {ROLE_READ} nog niet, dan moet die eigenaar rollen mogen maken "
                "(CREATEROLE), of maakt de IT ze eerst aan (zie README).",
            ) from None
        raise _translate(exc) from None
    return SetupResult(before, SCHEMA_VERSION)


# -- facilitators: sending in ---------------------------------------------------------------


@dataclass(frozen=True)
class Receipt:
    server: str
    nieuw: int
    ongewijzigd: int
    gewist: int


def send(server: Server, payload: dict[str, Any]) -> Receipt:
    """Call ``gesprek.insturen`` once (one transaction on the server)."""
    psycopg = _psycopg()
    try:
        with server.conn.transaction(), server.conn.cursor() as cursor:
            cursor.execute(
                f"SELECT {SCHEMA}.insturen(%s::jsonb)", (json.dumps(payload, ensure_ascii=False),)
            )
            row = cursor.fetchone()
    except psycopg.Error as exc:
        raise _translate(exc) from None
    answer = row[0] if row else None
    if not isinstance(answer, dict):
        raise ServerError("onverwacht antwoord van de server")
    schema = int(answer.get("schema", 0))
    if schema > SCHEMA_VERSION:
        raise ServerError(
            f"het schema op de server is nieuwer (versie {schema}) dan deze versie van gesprek "
            f"kent ({SCHEMA_VERSION})",
            hint="Werk gesprek bij. Er is niets verloren.",
        )
    return Receipt(
        str(answer["server"]),
        int(answer.get("nieuw", 0)),
        int(answer.get("ongewijzigd", 0)),
        int(answer.get("gewist", 0)),
    )


# -- management: reading -----------------------------------------------------------------------


def _read(server: Server, sql: str, args: Sequence[Any]) -> list[dict[str, Any]]:
    psycopg = _psycopg()
    from psycopg.rows import dict_row

    try:
        with server.conn.transaction(), server.conn.cursor(row_factory=dict_row) as cursor:
            cursor.execute(f"SELECT schema_versie FROM {SCHEMA}.schema_versie")
            row = cursor.fetchone()
            version = int(row["schema_versie"]) if row else 0
            if version > SCHEMA_VERSION:
                raise ServerError(
                    f"het schema op de server is nieuwer (versie {version}) dan deze versie "
                    f"van gesprek kent ({SCHEMA_VERSION})",
                    hint="Werk gesprek bij.",
                )
            cursor.execute(sql, args)
            return list(cursor.fetchall())
    except psycopg.Error as exc:
        raise _translate(exc) from None


def _where(eenheid: str | None, since: str | None) -> tuple[str, list[Any]]:
    """Filters the server can apply; a team is matched by the reports (as people type it)."""
    clauses: list[str] = []
    args: list[Any] = []
    if eenheid is not None:
        clauses.append("lower(s.eenheid) = lower(%s)")
        args.append(" ".join(eenheid.split()))
    if since is not None:
        clauses.append("s.datum >= %s::date")
        args.append(since)
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), args


def sessions(
    server: Server,
    eenheid: str | None = None,
    since: str | None = None,
) -> list[dict[str, Any]]:
    """Every session of the unit (as the view shows it), oldest first."""
    where, args = _where(eenheid, since)
    return _read(
        server,
        f"SELECT s.sessie, s.eenheid, s.team, s.datum::text AS datum, s.programma, s.status,"
        f" s.gepland, s.klaar, s.themas, s.kernwaarden FROM {SCHEMA}.alle_sessies s{where}"
        " ORDER BY s.datum, s.sessie",
        args,
    )


def votes(
    server: Server,
    eenheid: str | None = None,
    since: str | None = None,
) -> list[dict[str, Any]]:
    """Every counted question of the unit, in session and part order."""
    where, args = _where(eenheid, since)
    return _read(
        server,
        f"SELECT v.sessie, v.volgnummer, v.item, v.type, v.thema, v.stap, v.stemmen"
        f" FROM {SCHEMA}.alle_stemmen v JOIN {SCHEMA}.alle_sessies s USING (sessie){where}"
        " ORDER BY s.datum, v.sessie, v.volgnummer, v.stap NULLS FIRST",
        args,
    )
