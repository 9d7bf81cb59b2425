//! Snapshots: export/import/merge of annotated ledgers, with a format name and schema version.
