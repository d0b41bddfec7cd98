(module
  (type (;0;) (func))
  (export "\u{0}" (func 0))
  (func (;0;) (type 0))
)
