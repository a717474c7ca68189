use schemars::schema_for;

use super::{GpsFix, PlateRead};

/// Version of the wire schema carried in every event's `schema_version`. Bump it for any change
/// that is not backward compatible, and add a new topic version (`.v2`).
pub const SCHEMA_VERSION: u32 = 1;

/// The JSON Schema documents, as (file name, pretty JSON). `deploy/schemas/` holds exactly these;
/// a test fails when they drift.
pub fn schemas() -> Vec<(&'static str, String)> {
    let pretty = |s: schemars::Schema| serde_json::to_string_pretty(&s).expect("a schema serializes") + "\n";
    vec![
        ("plate_read.v1.schema.json", pretty(schema_for!(PlateRead))),
        ("gps_fix.v1.schema.json", pretty(schema_for!(GpsFix))),
        ("challan.v1.schema.json", pretty(schema_for!(crate::challan::Challan))),
        ("incident.v1.schema.json", pretty(schema_for!(crate::incident::Incident))),
    ]
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    /// The committed schema files are exactly what the Rust types generate. To update them:
    /// `FLEETSIGHT_WRITE_SCHEMAS=1 cargo test -p sinks schemas_match`.
    #[test]
    fn schemas_match_deploy_dir() {
        let dir = PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../deploy/schemas"));
        for (name, text) in super::schemas() {
            let path = dir.join(name);
            if std::env::var_os("FLEETSIGHT_WRITE_SCHEMAS").is_some() {
                std::fs::create_dir_all(&dir).unwrap();
                std::fs::write(&path, &text).unwrap();
            }
            let committed = std::fs::read_to_string(&path).unwrap_or_default();
            assert_eq!(committed, text, "{} drifted from the Rust types; regenerate (see this test's doc)", path.display());
        }
    }
}
