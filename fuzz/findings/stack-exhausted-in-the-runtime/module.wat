(module
  (type (;0;) (func))
  (memory (;0;) 0 1)
  (global (;0;) f32 f32.const -0x1.3c9c26p-18 (;=-0.000004717856;))
  (global (;1;) (mut i32) i32.const 0)
  (global (;2;) (mut i64) i64.const 0)
  (global (;3;) (mut i32) i32.const 0)
  (global (;4;) (mut i64) i64.const 0)
  (global (;5;) (mut i32) i32.const 41)
  (export "" (func 0))
  (func (;0;) (type 0)
    (local f32 f32 f32 f32 f32 f64)
    i32.const 1
    i32.eqz
    if ;; label = @1
      unreachable
    end
    global.get 5
    global.set 5
    memory.size
    call 0
    i64.load
    nop
    loop ;; label = @1
      global.get 5
      if ;; label = @2
        unreachable
      end
      global.get 5
      global.set 5
      loop (result f64) ;; label = @2
        global.get 5
        if ;; label = @3
          unreachable
        end
        global.get 5
        global.set 5
        call 0
        loop ;; label = @3
          global.get 5
          if ;; label = @4
            unreachable
          end
          global.get 5
          global.set 5
          i32.const 0
          f64.convert_i32_s
          loop ;; label = @4
            global.get 5
            if ;; label = @5
              unreachable
            end
            global.get 5
            global.set 5
            i64.const 0
            global.get 0
            global.get 0
            local.get 0
            i64.const 0
            global.get 0
            i32.const -76894164
            if ;; label = @5
              nop
              f32.const 0x1.f3f7b4p-38 (;=0.000000000007104967;)
              f32.const nan (;=NaN;)
              local.get 1
              local.get 1
              f32.eq
              select
              i32.const 0
              br_if 5
              memory.size
              br_if 0 (;@5;)
              i64.trunc_f32_s
              f32.const 0x1p+0 (;=1;)
              i32.const 1
              i64.load align=1
              br 3 (;@2;)
              f64.convert_i64_u
              f64.abs
              f64.const 0x1.1ce5cb8564a3dp-566 (;=0.000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000004607563567409001;)
              i64.const 1
              loop ;; label = @6
                global.get 5
                if ;; label = @7
                  unreachable
                end
                global.get 5
                global.set 5
                i32.const 1
                call 0
                i32.const 0
                br_table 0 (;@6;) 1 (;@5;) 2 (;@4;) 3 (;@3;) 4 (;@2;) 5 (;@1;) 6 2 (;@4;)
                br 6
                loop (result i64) ;; label = @7
                  global.get 5
                  if ;; label = @8
                    unreachable
                  end
                  global.get 5
                  global.set 5
                  i32.const 0
                  br_if 5 (;@2;)
                  global.get 0
                  br 6 (;@1;)
                  block ;; label = @8
                    loop (result f64) ;; label = @9
                      global.get 5
                      if ;; label = @10
                        unreachable
                      end
                      global.get 5
                      global.set 5
                      memory.size
                      i64.const -4880942017432676780
                      i64.store16 offset=927598645
                      i64.const 1
                      loop ;; label = @10
                        global.get 5
                        i32.eqz
                        if ;; label = @11
                          unreachable
                        end
                        i32.const 0
                        global.set 5
                        i64.const 1
                        i32.const 0
                        call 0
                        br 3 (;@7;)
                        i64.const 1
                        call 0
                        i64.const 0
                        i64.gt_u
                        i32.store8
                        block (result i32) ;; label = @11
                          i64.const 1
                          global.get 0
                          f64.promote_f32
                          block (result f64) ;; label = @12
                            loop (result f64) ;; label = @13
                              global.get 5
                              if ;; label = @14
                                unreachable
                              end
                              global.get 5
                              global.set 5
                              loop ;; label = @14
                                i32.const 1
                                if ;; label = @15
                                  unreachable
                                end
                                global.get 5
                                global.set 5
                                call 0
                                loop (result i64) ;; label = @15
                                  global.get 5
                                  i32.eqz
                                  if ;; label = @16
                                    unreachable
                                  end
                                  global.get 5
                                  global.set 5
                                  loop (result f64) ;; label = @16
                                    global.get 5
                                    if ;; label = @17
                                      unreachable
                                    end
                                    global.get 5
                                    global.set 5
                                    call 0
                                    global.get 2
                                    global.set 2
                                    global.get 3
                                    global.set 3
                                    f64.const 0x1.ffffffffffffep-1023 (;=0.00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000002225073858507201;)
                                  end
                                  i64.reinterpret_f64
                                  global.get 2
                                  i64.xor
                                  global.set 2
                                  i64.const 5393620403812715825
                                end
                                global.get 4
                                i64.xor
                                global.set 4
                              end
                              f64.const -0x1p+897 (;=-1056589062271330500000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000;)
                            end
                          end
                          i64.reinterpret_f64
                          global.get 2
                          i64.xor
                          global.set 2
                          i64.reinterpret_f64
                          global.get 2
                          i64.xor
                          global.set 2
                          global.get 4
                          i64.xor
                          global.set 4
                          i32.const 1
                        end
                        global.get 1
                        i32.xor
                        global.set 1
                        global.get 4
                        i64.xor
                        global.set 4
                      end
                      global.get 4
                      i64.xor
                      global.set 4
                      f64.const 0x1.e9bbdb2642facp+435 (;=169733762584304440000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000;)
                    end
                    i64.reinterpret_f64
                    global.get 2
                    i64.xor
                    global.set 2
                  end
                  i32.reinterpret_f32
                  global.get 3
                  i32.xor
                  global.set 3
                  i64.const 1
                end
                global.get 4
                i64.xor
                global.set 4
                global.get 1
                i32.xor
                global.set 1
              end
              global.get 4
              i64.xor
              global.set 4
              i64.reinterpret_f64
              global.get 2
              i64.xor
              global.set 2
              i64.reinterpret_f64
              global.get 2
              i64.xor
              global.set 2
              i32.reinterpret_f32
              global.get 3
              i32.xor
              global.set 3
              global.get 4
              i64.xor
              global.set 4
            end
            i32.reinterpret_f32
            global.get 3
            i32.xor
            global.set 3
            global.get 4
            i64.xor
            global.set 4
            i32.reinterpret_f32
            global.get 3
            i32.xor
            global.set 3
            i32.reinterpret_f32
            global.get 3
            i32.xor
            global.set 3
            i32.reinterpret_f32
            global.get 3
            i32.xor
            global.set 3
            global.get 4
            i64.xor
            global.set 4
          end
          i64.reinterpret_f64
          global.get 2
          i64.xor
          global.set 2
        end
        f64.const 0x1.e68c82d5f2dd1p+523 (;=52188430529546740000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000;)
      end
      i64.reinterpret_f64
      i64.const 0
      i64.xor
      global.set 2
    end
    global.get 4
    i64.xor
    global.set 4
  )
)
