// Exercise versions and regrades of one classroom (lib/regrades.ts): per exercise, how many of the
// class's submits were graded on an older version, and its latest regrade: a dry run graded in
// the background (progress shown), the learners whose status would change, and Apply. TAs see
// it all; only the owner and co-instructors start or apply a regrade.
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { RegradePanel } from "@/app/_components/instructor/RegradePanel";
import { classroomAccess, roleMay } from "@/lib/classroom-access";
import { NotFoundError } from "@/lib/domain-errors";
import { syncCatalogueToDatabase } from "@/lib/instructor/catalogue-sync";
import { regradeOverview, regradeView } from "@/lib/regrades";
import { requireInstructorPage } from "../../../_lib/guard";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Versions and regrades" };

export default async function RegradesPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const viewer = await requireInstructorPage(`/instructor/classrooms/${id}/regrades`);
  let data;
  try {
    await syncCatalogueToDatabase();
    const access = await classroomAccess(viewer, id);
    const overview = await regradeOverview(viewer, id);
    const latest = await Promise.all(overview.map((row) => (row.latest ? regradeView(viewer, id, row.latest.id) : null)));
    data = { access, overview, latest };
  } catch (e) {
    if (e instanceof NotFoundError) notFound();
    throw e;
  }
  const { access, overview, latest } = data;
  const mayManage = roleMay(access.role, "manage") && !access.classroom.archivedAt;

  return (
    <div className="instructor-page">
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <Link href="/instructor">Instructor</Link> <span aria-hidden="true">/</span>{" "}
        <Link href={`/instructor/classrooms/${access.classroom.id}`}>{access.classroom.name}</Link> <span aria-hidden="true">/</span> <span>Versions and regrades</span>
      </nav>
      <h1>Versions and regrades</h1>
      <p className="muted">
        When an exercise changes, submits graded on its older version keep their results. Check what a regrade would change: the
        class&apos;s older submits are graded again on the current version in the background (learners&apos; own Submits go first),
        and nothing changes for learners until you apply it. Applying keeps every original result.
      </p>
      <table className="stats-table" data-testid="regrade-list">
        <thead>
          <tr>
            <th scope="col">Exercise</th>
            <th scope="col">Submits on an older version</th>
            <th scope="col">Regrade</th>
          </tr>
        </thead>
        <tbody>
          {overview.map((row, i) => {
            const view = latest[i];
            return (
              <tr key={row.slug} data-slug={row.slug}>
                <th scope="row">
                  {String(row.order).padStart(2, "0")} {row.title}
                </th>
                <td>{row.olderSubmits}</td>
                <td>
                  {row.olderSubmits > 0 || view ? (
                    <RegradePanel classroomId={access.classroom.id} slug={row.slug} initial={view ? { ...view, createdAt: view.createdAt.toISOString() } : null} mayManage={mayManage} />
                  ) : (
                    <span className="muted">Up to date</span>
                  )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
