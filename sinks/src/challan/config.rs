use serde::{Deserialize, Serialize};

/// How violations become challans (`[challans]` in the config).
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ChallanConfig {
    /// The issuing state's prefix of challan numbers (`MH` gives `MH0000000001`).
    #[serde(default = "default_state_prefix")]
    pub state_prefix: String,
    /// One challan per plate and offence within this window, minutes.
    #[serde(default = "default_dedup_window_minutes")]
    pub dedup_window_minutes: u32,
    /// Reads less confident than this go to review.
    #[serde(default = "default_review_confidence")]
    pub review_confidence: f32,
    /// A read whose second-best text has at least this vote share was split: review.
    #[serde(default = "default_split_vote_share")]
    pub split_vote_share: f32,
    /// Every challan goes to review before it is issued.
    #[serde(default)]
    pub mandatory_review: bool,
    /// Days from issue within which the notice must be sent (Rule 167: 15).
    #[serde(default = "default_notice_days")]
    pub notice_days: u32,
    /// The offence table: code → MV Act section and fine.
    #[serde(default = "default_offences")]
    pub offences: Vec<Offence>,
}

/// One row of the offence table.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Offence {
    /// The code the rules raise (`no_parking`).
    pub code: String,
    /// The provisions violated (`s.122 r/w s.177 MV Act`).
    pub section: String,
    /// The fine, rupees.
    pub fine_inr: u32,
    /// For people.
    #[serde(default)]
    pub description: String,
}

fn default_state_prefix() -> String {
    "MH".into()
}
const fn default_dedup_window_minutes() -> u32 {
    24 * 60
}
const fn default_review_confidence() -> f32 {
    0.8
}
const fn default_split_vote_share() -> f32 {
    0.25
}
const fn default_notice_days() -> u32 {
    15
}

fn default_offences() -> Vec<Offence> {
    let o = |code: &str, section: &str, fine_inr, description: &str| Offence { code: code.into(), section: section.into(), fine_inr, description: description.into() };
    vec![
        o("no_parking", "s.122 r/w s.177 MV Act", 500, "Parking in a no-parking zone"),
        o("no_stopping", "s.122 r/w s.177 MV Act", 500, "Stopping in a no-stopping zone"),
        o("bus_lane", "s.177 MV Act", 500, "Driving in a bus lane during its hours"),
        o("cloned_plate", "s.192 MV Act", 5000, "Plate seen at two places no vehicle could reach in time (cloned or forged)"),
    ]
}

impl Default for ChallanConfig {
    fn default() -> Self {
        Self {
            state_prefix: default_state_prefix(),
            dedup_window_minutes: default_dedup_window_minutes(),
            review_confidence: default_review_confidence(),
            split_vote_share: default_split_vote_share(),
            mandatory_review: false,
            notice_days: default_notice_days(),
            offences: default_offences(),
        }
    }
}

impl ChallanConfig {
    /// Checks the table and the thresholds; `raised` are the offence codes the rules use.
    pub fn validate(&self, raised: &[&str]) -> Result<(), String> {
        if !(2..=4).contains(&self.state_prefix.len()) || !self.state_prefix.chars().all(|c| c.is_ascii_uppercase()) {
            return Err(format!("state_prefix: `{}` must be 2-4 capital letters", self.state_prefix));
        }
        if self.dedup_window_minutes == 0 {
            return Err("dedup_window_minutes: must be > 0".into());
        }
        if !(0.0..=1.0).contains(&self.review_confidence) || !(0.0..=1.0).contains(&self.split_vote_share) {
            return Err("review_confidence and split_vote_share: must be within 0..1".into());
        }
        if self.notice_days == 0 {
            return Err("notice_days: must be > 0".into());
        }
        let mut seen = std::collections::HashSet::new();
        for (i, o) in self.offences.iter().enumerate() {
            if o.code.is_empty() || !seen.insert(o.code.as_str()) {
                return Err(format!("offences[{i}].code: `{}` is empty or listed twice", o.code));
            }
            if o.section.trim().is_empty() {
                return Err(format!("offences[{i}].section: must name the provisions"));
            }
        }
        match raised.iter().find(|c| !seen.contains(**c)) {
            Some(c) => Err(format!("offences: the rules raise `{c}`, which the offence table lacks")),
            None => Ok(()),
        }
    }

    /// The row of `code`.
    pub fn offence(&self, code: &str) -> Option<&Offence> {
        self.offences.iter().find(|o| o.code == code)
    }
}
