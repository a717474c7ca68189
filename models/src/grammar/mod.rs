//! The Indian registration-mark grammar: a [`PlateText`] exists only once validated.

mod correct;
mod plate_text;
mod states;

pub use correct::{CharCandidate, Corrected, correct, edit_distance};
pub use plate_text::{PlateKind, PlateRejection, PlateText};
pub use states::STATE_CODES;
