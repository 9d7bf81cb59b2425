//! Filters, facets, text search and sorting over a document and its ledger.
