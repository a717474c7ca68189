/// State and union-territory codes that appear on registration marks, current and legacy
/// (OR before Odisha's OD, UA before Uttarakhand's UK, DN and DD before their 2020 merger):
/// plates issued under old codes are still on the road.
pub const STATE_CODES: [&str; 41] = [
    "AN", "AP", "AR", "AS", "BR", "CG", "CH", "DD", "DL", "DN", "GA", "GJ", "HP", "HR", "JH", "JK", "KA", "KL", "LA", "LD", "MH",
    "ML", "MN", "MP", "MZ", "NL", "OD", "OR", "PB", "PY", "RJ", "SK", "TN", "TR", "TS", "UA", "UK", "UP", "WB", "CT", "TG",
];

pub(crate) fn is_state_code(code: &str) -> bool {
    STATE_CODES.contains(&code)
}
