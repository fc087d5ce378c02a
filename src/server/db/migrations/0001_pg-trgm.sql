-- Trigram matching for the schools list's free-text search (gin_trgm_ops indexes in 0002).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
