(module
  (type (;0;) (func (result f32)))
  (export "@{" (func 0))
  (func (;0;) (type 0) (result f32)
    unreachable
  )
)
