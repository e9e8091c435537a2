import { Type } from 'typebox';

export const HealthResponse = Type.Object({
  status: Type.Union([Type.Literal('ok'), Type.Literal('unavailable')]),
  database: Type.Object({ reachable: Type.Boolean(), postgisVersion: Type.Union([Type.String(), Type.Null()]) }),
  data: Type.Object({
    boundaries: Type.Union([Type.Object({ vintage: Type.String(), importedAt: Type.String() }), Type.Null()]),
  }),
});
