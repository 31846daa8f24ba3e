import { createStore } from "../../src/taskpane/store";

describe("the pane's store", () => {
  test("set applies a patch and calls only the listeners of the keys that changed, once each", () => {
    const store = createStore({ a: 1, b: "x", c: false });
    const seen: string[] = [];
    store.subscribe(["a"], (state) => seen.push(`a:${state.a}`));
    store.subscribe(["a", "b"], (state, changed) => seen.push(`ab:${[...changed].sort().join("")}:${state.b}`));
    store.subscribe(["c"], () => seen.push("c"));
    store.set({ a: 2, b: "y" });
    expect(store.get()).toEqual({ a: 2, b: "y", c: false });
    expect(seen).toEqual(["a:2", "ab:ab:y"]);
  });

  test("a patch that changes nothing calls no listener", () => {
    const store = createStore({ a: 1 });
    const listener = jest.fn();
    store.subscribe(["a"], listener);
    store.set({ a: 1 });
    store.set({});
    expect(listener).not.toHaveBeenCalled();
  });

  test("unsubscribe stops the calls; state is a new object after each change", () => {
    const store = createStore({ a: 1 });
    const listener = jest.fn();
    const before = store.get();
    const unsubscribe = store.subscribe(["a"], listener);
    store.set({ a: 2 });
    unsubscribe();
    store.set({ a: 3 });
    expect(listener).toHaveBeenCalledTimes(1);
    expect(before.a).toBe(1);
    expect(store.get().a).toBe(3);
  });
});
