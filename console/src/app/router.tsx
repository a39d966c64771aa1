import { lazy, type ReactNode, Suspense } from 'react';
import { createBrowserRouter, Navigate, Outlet, useLocation } from 'react-router';
import { ROUTES, type ResolvedRoute } from './areas';
import { ForcedPasswordChange } from './ForcedPasswordChange';
import { Frame } from './Frame';
import { canUse } from './roles';
import { useSession } from './session';
import { SignIn } from './SignIn';
import { Loading, NotFound } from './states';

/** Signed in, with a password of one's own; otherwise the sign-in page (and back here after). */
function RequireSession({ children }: { children: ReactNode }) {
  const { staff, checking } = useSession();
  const location = useLocation();
  if (checking) return <Loading tip="正在验证登录状态…" />;
  if (!staff) return <Navigate to="/signin" replace state={{ from: location.pathname + location.search }} />;
  if (staff.mustChangePassword) return <ForcedPasswordChange />;
  return <>{children}</>;
}

/** A route the account's roles do not cover answers 未找到, as the server does. */
function Guarded({ route }: { route: ResolvedRoute }) {
  const { staff } = useSession();
  const Page = pages.get(route)!;
  if (!staff || !canUse(staff.roles, route.roles)) return <NotFound />;
  return <Page />;
}

const pages = new Map(ROUTES.map((r) => [r, lazy(r.page)]));

function Bare() {
  return (
    <Suspense fallback={<Loading />}>
      <Outlet />
    </Suspense>
  );
}

export function createConsoleRouter() {
  const home = ROUTES.find((r) => r.path === '');
  return createBrowserRouter(
    [
      { path: '/signin', element: <SignIn /> },
      {
        element: <Bare />,
        children: ROUTES.filter((r) => r.bare).map((r) => {
          const Page = pages.get(r)!;
          return { path: `/${r.path}`, element: <Page /> };
        }),
      },
      {
        path: '/',
        element: (
          <RequireSession>
            <Frame />
          </RequireSession>
        ),
        children: [
          ...ROUTES.filter((r) => !r.bare && r !== home).map((r) => ({
            path: r.path,
            element: <Guarded route={r} />,
          })),
          ...(home ? [{ index: true, element: <Guarded route={home} /> }] : []),
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
    { basename: '/console' },
  );
}
