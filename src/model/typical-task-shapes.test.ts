import { describe, expect, it } from 'vitest';
import type { TaskShape } from './task-shape.js';
import { typicalTaskShapes } from './typical-task-shapes.js';

type Task = Omit<TaskShape, 'weight'>;
const cpu = (cpuMilli: number): Task => ({ cpuMilli, gpuCount: 0, gpuMilliPerGpu: 0, gpuModels: [] });
const share = (cpuMilli: number, milli: number, models: string[] = []): Task => ({ cpuMilli, gpuCount: 1, gpuMilliPerGpu: milli, gpuModels: models });
const times = (n: number, t: Task): Task[] => Array.from({ length: n }, () => t);

describe('typicalTaskShapes', () => {
  const cases: { name: string; tasks: Task[]; pct?: number; want: [number, number, number, string, number][] }[] = [
    {
      // 10 tasks: 6 A, 3 B, 1 C. 95% of 10 = 9.5: A (6) + B (9) < 9.5, + C = 10.
      name: 'keeps shapes until they cover 95%, weights renormalized over the kept ones',
      tasks: [...times(6, share(4000, 500)), ...times(3, cpu(2000)), share(8000, 1000)],
      want: [[4000, 1, 500, '', 0.6], [2000, 0, 0, '', 0.3], [8000, 1, 1000, '', 0.1]],
    },
    {
      // 60% of 10 = 6: A alone covers it; weight 6/6 = 1.
      name: 'a lower threshold drops the tail',
      tasks: [...times(6, share(4000, 500)), ...times(3, cpu(2000)), share(8000, 1000)],
      pct: 60,
      want: [[4000, 1, 500, '', 1]],
    },
    {
      // equal counts: larger cpu first, then larger milli, then the later model string.
      name: 'ties in the artifact order',
      tasks: [share(1000, 500), share(2000, 300), share(2000, 700), share(2000, 700, ['T4']), share(2000, 700, ['A10'])],
      want: [[2000, 1, 700, 'T4', 0.2], [2000, 1, 700, 'A10', 0.2], [2000, 1, 700, '', 0.2], [2000, 1, 300, '', 0.2], [1000, 1, 500, '', 0.2]],
    },
  ];
  for (const c of cases) {
    it(c.name, () => {
      const got = typicalTaskShapes(c.tasks, c.pct === undefined ? {} : { popularityPct: c.pct });
      expect(got.map((s) => [s.cpuMilli, s.gpuCount, s.gpuMilliPerGpu, s.gpuModels.join('|'), s.weight])).toEqual(c.want);
    });
  }

  it('a task with a count stands for that many tasks of its shape', () => {
    const listed = [...times(3, cpu(2000)), ...times(2, share(1000, 500)), share(1000, 300)];
    const counted = [{ ...cpu(2000), count: 2 }, share(1000, 500), { ...cpu(2000), count: 1 }, { ...share(1000, 500), count: 1 }, share(1000, 300)];
    expect(typicalTaskShapes(counted)).toEqual(typicalTaskShapes(listed));
    expect(typicalTaskShapes(counted, { popularityPct: 50 })).toEqual(typicalTaskShapes(listed, { popularityPct: 50 }));
  });

  it('can leave CPU-only tasks out', () => {
    const got = typicalTaskShapes([...times(3, cpu(2000)), share(1000, 500)], { includeCpuOnly: false });
    expect(got.map((s) => [s.gpuCount, s.weight])).toEqual([[1, 1]]);
  });
});
