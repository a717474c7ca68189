//! Synthetic training data: Indian plates in every style on dashcam-like scenes, with their
//! boxes. Deterministic from a seed (see [`Rng`]), so training can be reproduced exactly.

mod canvas;
mod fonts;
mod plate;
mod rng;
mod scene;

pub use canvas::Canvas;
pub use fonts::{FONT_FILES, load_fonts};
pub use plate::{random_mark, render_plate};
pub use rng::Rng;
pub use scene::{PlateTruth, Scene, SceneOptions, SceneRenderer};
