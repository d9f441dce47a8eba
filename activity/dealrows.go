package activity

// dealRows finds a deal's row by its id. Ids that read as canonical
// decimal integers, as the ids of exports that number their records do
// ("1042": digits only, no leading zero, at most 18 of them), are held as
// numbers: those below a bound that grows with the ids held (numbered
// records, 1 to n) in a plain array indexed by the number, the others in a
// table of numbers; neither holds a string, so the collector does not scan
// them and a lookup follows no pointer to an id's bytes. Other ids are
// held as bytes in a strRows table, likewise free of pointers. A number
// and its canonical text name one id, so no id is held twice.
type dealRows struct {
	dense []int32 // dense[n] = 1 + the row of id n, 0 when none; every numeric id below len(dense) is here
	held  int     // ids held in dense
	nums  map[int64]int32
	strs  strRows
	hint  int // deals expected
}

// newDealRows returns a table sized for n deals. The zero dealRows is an
// empty table sized for none.
func newDealRows(n int) dealRows { return dealRows{hint: n} }

// numericID returns id as a number when it is canonical decimal digits.
func numericID[ID ~string | ~[]byte](id ID) (int64, bool) {
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
	n, ok := numericID(id)
	switch {
	case !ok:
		return m.strs.get(id)
	case n < int64(len(m.dense)):
		row := m.dense[n] - 1
		return row, row >= 0
	}
	row, ok := m.nums[n]
	return row, ok
}

// set holds row under id.
func (m *dealRows) set(id string, row int32) {
	n, ok := numericID(id)
	if !ok {
		// The table is sized for the deals expected less the numbers
		// held: a book of names fills it, a numbered book with a few odd
		// ids does not.
		m.strs.set(id, row, max(0, m.hint-m.held-len(m.nums)))
		return
	}
	if n >= int64(len(m.dense)) && n < m.denseBound() {
		m.grow(n)
	}
	if n < int64(len(m.dense)) {
		if m.dense[n] == 0 {
			m.held++
		}
		m.dense[n] = row + 1
		return
	}
	if m.nums == nil {
		m.nums = map[int64]int32{}
	}
	m.nums[n] = row
}

// denseBound is how far the array may reach: twice the ids held and the
// deals expected, so that it stays within a few bytes an id.
func (m *dealRows) denseBound() int64 {
	return 2*int64(m.held+len(m.nums)+1) + int64(m.hint) + 1024
}

// grow extends the array past n and moves the numbers now below its end
// into it.
func (m *dealRows) grow(n int64) {
	size := max(n+1, 2*int64(len(m.dense)), int64(m.hint)+1)
	size = min(size, m.denseBound())
	dense := make([]int32, size)
	copy(dense, m.dense)
	m.dense = dense
	for k, row := range m.nums {
		if k < size {
			m.dense[k] = row + 1
			m.held++
			delete(m.nums, k)
		}
	}
}

// remove forgets id.
func (m *dealRows) remove(id string) {
	n, ok := numericID(id)
	switch {
	case !ok:
		m.strs.remove(id)
	case n < int64(len(m.dense)):
		if m.dense[n] != 0 {
			m.held--
		}
		m.dense[n] = 0
	default:
		delete(m.nums, n)
	}
}
