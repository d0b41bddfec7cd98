(module
  (table (;0;) 1 funcref)
  (elem (;0;) (i32.const -3575969) func)
)
