/// A deterministic event id: the same inputs always give the same id, so a redelivered event
/// is an idempotent upsert in every store. FNV-1a 128-bit over the parts, separated by NUL,
/// rendered as 32 hex digits.
///
/// ```
/// let a = sinks::event::event_id(&["bus-101", "bus-101-front", "1732190000000", "7"]);
/// assert_eq!(a, sinks::event::event_id(&["bus-101", "bus-101-front", "1732190000000", "7"]));
/// assert_ne!(a, sinks::event::event_id(&["bus-101", "bus-101-front", "1732190000000", "8"]));
/// assert_eq!(a.len(), 32);
/// ```
pub fn event_id(parts: &[&str]) -> String {
    const OFFSET: u128 = 0x6c62272e07bb014262b821756295c58d;
    const PRIME: u128 = 0x0000000001000000000000000000013B;
    let mut h = OFFSET;
    for (i, p) in parts.iter().enumerate() {
        if i > 0 {
            h ^= 0;
            h = h.wrapping_mul(PRIME);
        }
        for b in p.bytes() {
            h ^= b as u128;
            h = h.wrapping_mul(PRIME);
        }
    }
    format!("{h:032x}")
}
