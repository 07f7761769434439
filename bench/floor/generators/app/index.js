// The benchmark's floor: a generator that does nothing, so a run through it costs exactly what
// loading yeoman-environment + yeoman-generator and running one (empty) task costs.
import Generator from "yeoman-generator";

export default class EmptyGenerator extends Generator {
  // Yeoman refuses a generator with no task; this one has a single empty task.
  nothing() {}
}
