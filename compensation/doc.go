// Package compensation will turn results into pay: quota planning, plans as
// data (rate tables, bonuses, SPIFs, gates, caps), crediting, draws,
// clawbacks and statements that explain every line.
//
// Nothing is exported yet.
package compensation
