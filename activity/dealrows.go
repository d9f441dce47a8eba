package activity

// dealRows finds a deal's row by its id. Ids that read as canonical
// decimal integers, as the ids of exports that number their records do
// ("1042": digits only, no leading zero, at most 18 of them), are held as
// numbers, in a table of numbers the collector does not scan and a lookup
// reads without following a pointer to the id's bytes; other ids as
// strings. A number and its canonical text name one id, so the two tables
// never hold the same id.
type dealRows struct {
	nums map[int64]int32
	strs map[string]int32
}

// newDealRows returns a table sized for n deals with numeric ids.
func newDealRows(n int) dealRows {
	return dealRows{nums: make(map[int64]int32, n), strs: map[string]int32{}}
}

// numericID returns id as a number when it is canonical decimal digits.
func numericID(id string) (int64, bool) {
	if len(id) == 0 || len(id) > 18 || (id[0] == '0' && len(id) > 1) {
		return 0, false
	}
	var n int64
	for i := 0; i < len(id); i++ {
		c := id[i] - '0'
		if c > 9 {
			return 0, false
		}
		n = n*10 + int64(c)
	}
	return n, true
}

// get returns the row of id.
func (m *dealRows) get(id string) (int32, bool) {
	if n, ok := numericID(id); ok {
		row, ok := m.nums[n]
		return row, ok
	}
	row, ok := m.strs[id]
	return row, ok
}

// set holds row under id.
func (m *dealRows) set(id string, row int32) {
	if n, ok := numericID(id); ok {
		m.nums[n] = row
		return
	}
	m.strs[id] = row
}

// remove forgets id.
func (m *dealRows) remove(id string) {
	if n, ok := numericID(id); ok {
		delete(m.nums, n)
		return
	}
	delete(m.strs, id)
}

// len returns how many ids the table holds.
func (m *dealRows) len() int { return len(m.nums) + len(m.strs) }
