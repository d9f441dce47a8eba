package activitytest

import "errors"

// ErrInvalidConfig reports a Config field out of range. Config.Validate
// wraps it with the field concerned.
var ErrInvalidConfig = errors.New("activitytest: invalid config")
