//! fleetsight sinks: the event schema that goes on the wire, Kafka, and the stores.
//!
//! Nothing is implemented yet: events, Kafka and the stores arrive with the "frames to events"
//! issue. The crate exists now so the workspace has its final shape.
