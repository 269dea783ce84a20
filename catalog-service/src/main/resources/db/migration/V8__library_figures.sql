-- Figures a library's administrator enters per month or year that are not lending data (Suzhou's core
-- indicators): visits, reader events, budget and acquisitions spending. period is 'YYYY' or 'YYYY-MM'.
CREATE TABLE library_figure (
    library_code              varchar(32)  NOT NULL REFERENCES library (code),
    period                    varchar(7)   NOT NULL,
    visits                    bigint       NOT NULL CHECK (visits >= 0),
    reader_events             bigint       NOT NULL CHECK (reader_events >= 0),
    budget_fen                bigint       NOT NULL CHECK (budget_fen >= 0),
    acquisitions_spending_fen bigint       NOT NULL CHECK (acquisitions_spending_fen >= 0),
    updated_at                timestamptz  NOT NULL,
    updated_by                varchar(100) NOT NULL,
    version                   bigint       NOT NULL,
    PRIMARY KEY (library_code, period)
);
