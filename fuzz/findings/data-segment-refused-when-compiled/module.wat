(module
  (memory (;0;) 0 12)
  (data (;0;) (i32.const -797024655) "\df")
)
