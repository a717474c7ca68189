//! H.264 decoding with `openh264`: a dedicated thread per stream (never on the async reactor),
//! fed through a bounded queue by the stream's supervisor, and by default a child process per
//! stream behind it ([`Isolation::Process`]) so that a decoder crash costs one stream.

pub mod child;
mod config;
mod frame_decoder;
mod process;
pub mod protocol;
mod thread;

pub use config::{DECODER_EXE, DecodeConfig, DecoderSetup, Isolation};
pub use frame_decoder::FrameDecoder;
pub use process::{Failure, Output, ProcessDecoder};
pub use thread::{DecoderHandle, DecoderInput, DecoderSpec, Offer, spawn};
