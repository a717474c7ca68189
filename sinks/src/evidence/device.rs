use std::collections::HashMap;

use serde::Deserialize;

use super::package::DeviceIdentity;

/// A device's (MDVR's) hardware identity, for the evidence certificate (BSA 2023 s.63 asks for
/// the device that produced the record). Streams name their device by `device_id`; this says
/// which hardware that is.
///
/// ```toml
/// [[devices]]
/// id = "bus-101"
/// serial = "MDVR-SN-0042"
/// imei = "356938035643809"
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeviceConfig {
    /// The device id the streams use (`device_id`).
    pub id: String,
    /// The MDVR's serial number, as printed on it or reported by its firmware.
    #[serde(default)]
    pub serial: Option<String>,
    /// The IMEI of the MDVR's cellular modem: 15 digits, the last a Luhn check digit.
    #[serde(default)]
    pub imei: Option<String>,
}

impl DeviceConfig {
    /// Checks the values without I/O; the message names the field.
    pub fn validate(&self) -> Result<(), String> {
        if self.id.trim().is_empty() {
            return Err("id: must not be empty".into());
        }
        if let Some(s) = &self.serial {
            if s.trim().is_empty() || s.len() > 64 || !s.chars().all(|c| c.is_ascii_graphic() || c == ' ') {
                return Err(format!("serial: `{s}` must be 1-64 printable ASCII characters"));
            }
        }
        if let Some(i) = &self.imei {
            if !is_imei(i) {
                return Err(format!("imei: `{i}` is not an IMEI (15 digits with a valid check digit)"));
            }
        }
        if self.serial.is_none() && self.imei.is_none() {
            return Err("serial, imei: set at least one".into());
        }
        Ok(())
    }
}

/// 15 digits whose Luhn sum is a multiple of 10 (3GPP TS 23.003, Annex B).
fn is_imei(s: &str) -> bool {
    let luhn = |(i, b): (usize, u8)| {
        let d = u32::from(b - b'0');
        if i % 2 == 1 { (d * 2) / 10 + (d * 2) % 10 } else { d }
    };
    s.len() == 15 && s.bytes().all(|b| b.is_ascii_digit()) && s.bytes().rev().enumerate().map(luhn).sum::<u32>() % 10 == 0
}

/// The configured devices, by id: what fills in a package's [`DeviceIdentity`].
#[derive(Debug, Clone, Default)]
pub struct DeviceDirectory {
    by_id: HashMap<String, DeviceConfig>,
}

impl DeviceDirectory {
    /// Over `devices` (validated; a later entry for the same id wins).
    pub fn new(devices: &[DeviceConfig]) -> Self {
        Self { by_id: devices.iter().map(|d| (d.id.clone(), d.clone())).collect() }
    }

    /// The identity of `device_id`'s camera `channel`: serial and IMEI when configured, else
    /// unknown (and the manifest says so).
    pub fn identity(&self, device_id: &str, channel: Option<u16>) -> DeviceIdentity {
        let d = self.by_id.get(device_id);
        DeviceIdentity { device_id: device_id.to_string(), channel, serial: d.and_then(|d| d.serial.clone()), imei: d.and_then(|d| d.imei.clone()) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn device(serial: Option<&str>, imei: Option<&str>) -> DeviceConfig {
        DeviceConfig { id: "bus-101".into(), serial: serial.map(String::from), imei: imei.map(String::from) }
    }

    #[test]
    fn imeis_are_checked() {
        device(Some("MDVR-SN-0042"), Some("356938035643809")).validate().unwrap();
        assert!(device(None, Some("356938035643808")).validate().unwrap_err().starts_with("imei:"), "a wrong check digit");
        assert!(device(None, Some("35693803564380")).validate().unwrap_err().starts_with("imei:"));
        assert!(device(Some(""), None).validate().unwrap_err().starts_with("serial:"));
        assert!(device(None, None).validate().unwrap_err().starts_with("serial, imei:"));
        assert!(serde_json::from_str::<DeviceConfig>(r#"{"id": "a", "imsi": "1"}"#).is_err(), "unknown fields are refused");
    }

    #[test]
    fn identities_come_from_the_directory_or_say_unknown() {
        let dir = DeviceDirectory::new(&[device(Some("MDVR-SN-0042"), Some("356938035643809"))]);
        let known = dir.identity("bus-101", Some(2));
        assert_eq!((known.serial.as_deref(), known.imei.as_deref(), known.channel), (Some("MDVR-SN-0042"), Some("356938035643809"), Some(2)));
        let json = serde_json::to_value(dir.identity("bus-9", None)).unwrap();
        assert_eq!(json["serial"], "unknown");
        assert_eq!(json["imei"], "unknown");
        let back: DeviceIdentity = serde_json::from_value(json).unwrap();
        assert_eq!(back.serial, None, "`unknown` reads back as not known");
    }
}
