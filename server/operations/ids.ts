// Ids are slugs we generate; anything else cannot exist, and is never sent to the engine.
export const ID = /^[A-Za-z0-9_-]{1,200}$/;
