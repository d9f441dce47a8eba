package activity

import (
	"testing"
	"unsafe"
)

// TestInternCopies checks that the index's dictionaries own their names: a
// name cut from a larger string (a CSV reader's row) must not keep the row
// alive for the life of the index.
func TestInternCopies(t *testing.T) {
	row := "smb,acme-corp,and the rest of a long line"
	r := smallRecords()
	r.Deals[0].Segment, r.Deals[0].Account = row[:3], row[4:13]
	ix, err := NewIndex(r, IndexOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		d    *Dict
		name string
	}{{ix.Segments(), row[:3]}, {ix.Accounts(), row[4:13]}} {
		k, ok := c.d.Key(c.name)
		if !ok {
			t.Fatalf("%q not in the index", c.name)
		}
		got := c.d.Name(k)
		if got != c.name {
			t.Fatalf("Name(%d) = %q, want %q", k, got, c.name)
		}
		if p, q := uintptr(unsafe.Pointer(unsafe.StringData(got))), uintptr(unsafe.Pointer(unsafe.StringData(row))); p >= q && p < q+uintptr(len(row)) {
			t.Errorf("%q shares the caller's string", got)
		}
	}
}
