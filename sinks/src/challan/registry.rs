use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind, Result};

/// A registered vehicle's owner, from the vehicle registry (a CSV export of VAHAN or the
/// fleet's own list).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Vehicle {
    /// The normalized mark.
    pub plate: String,
    /// The registered owner.
    pub owner_name: String,
    /// Mobile number, E.164 (`+919812345678`), for SMS and WhatsApp notices.
    #[serde(default)]
    pub phone: String,
    /// E-mail address.
    #[serde(default)]
    pub email: String,
}

impl Vehicle {
    /// Checks the fields; the message names the field.
    pub fn validate(&self) -> std::result::Result<(), String> {
        if self.plate.is_empty() || self.plate.len() > 12 || !self.plate.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()) {
            return Err(format!("plate: `{}` is not a normalized mark", self.plate));
        }
        if self.owner_name.trim().is_empty() {
            return Err("owner_name: must not be empty".into());
        }
        let digits = self.phone.strip_prefix('+').unwrap_or("");
        if !self.phone.is_empty() && (!(8..=15).contains(&digits.len()) || !digits.chars().all(|c| c.is_ascii_digit())) {
            return Err(format!("phone: `{}` is not an E.164 number (+91...)", self.phone));
        }
        if !self.email.is_empty() && !self.email.contains('@') {
            return Err(format!("email: `{}` is not an address", self.email));
        }
        Ok(())
    }

    /// Parses a CSV with a header naming `plate`, `owner_name`, and optionally `phone`, `email`.
    /// All or nothing: the first bad row fails the import with its line number.
    pub fn parse_csv(text: &str) -> Result<Vec<Vehicle>> {
        let mut out = Vec::new();
        for (i, row) in csv::ReaderBuilder::new().trim(csv::Trim::All).from_reader(text.as_bytes()).deserialize::<Vehicle>().enumerate() {
            let line = i + 2;
            let mut v = row.map_err(|e| Error::new(ErrorKind::InvalidArgument, format!("line {line}: {e}")))?;
            v.plate = v.plate.to_ascii_uppercase().replace([' ', '-'], "");
            v.validate().map_err(|m| Error::new(ErrorKind::InvalidArgument, format!("line {line}: {m}")))?;
            out.push(v);
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn registry_csv_imports_and_names_bad_rows() {
        let v = Vehicle::parse_csv("plate,owner_name,phone,email\nmh12ab1234,Asha Patil,+919812345678,asha@example.in\nKA05MN6789,R. Rao,,\n").unwrap();
        assert_eq!(v[0].plate, "MH12AB1234");
        assert_eq!(v[1].phone, "");
        let e = Vehicle::parse_csv("plate,owner_name,phone\nMH12AB1234,A,98123\n").unwrap_err();
        assert!(e.to_string().starts_with("line 2: phone"), "{e}");
        let e = Vehicle::parse_csv("plate,owner_name,colour\nMH12AB1234,A,red\n").unwrap_err();
        assert!(e.to_string().contains("colour"), "unknown columns are refused: {e}");
    }
}
