import { useQueries } from '@tanstack/react-query';
import { Input, Select } from 'antd';
import { useEffect, useState } from 'react';
import { useStaff } from '../../app/session';
import { communityApi, communityKeys } from './api';

/**
 * The 村/社区 this account works for: a 12-digit scope is one community, a 9-digit one the
 * communities of that 乡镇/街道 (from the register). A wider scope types a 12-digit code; the
 * server checks the scope either way.
 */
export function CommunityPicker({ value, onChange }: { value: string; onChange: (code: string) => void }) {
  const staff = useStaff();
  const ones = staff.scope.divisions.filter((d) => d.length === 12);
  const streets = staff.scope.divisions.filter((d) => d.length === 9);
  const named = useQueries({
    queries: ones.map((code) => ({ queryKey: communityKeys.page(code), queryFn: () => communityApi.page(code) })),
  });
  const lists = useQueries({
    queries: streets.map((code) => ({
      queryKey: communityKeys.street(code),
      queryFn: () => communityApi.street(code),
    })),
  });
  const options = [
    ...ones.map((code, i) => ({ value: code, label: named[i].data?.community.name ?? code })),
    ...lists.flatMap((q) => (q.data?.items ?? []).map((c) => ({ value: c.code, label: `${c.name}（${c.code}）` }))),
  ];
  const [typed, setTyped] = useState(value);
  useEffect(() => {
    if (!value && options.length) onChange(options[0].value);
  }, [value, options, onChange]);

  if (!ones.length && !streets.length)
    return (
      <Input.Search
        value={typed}
        onChange={(e) => setTyped(e.target.value)}
        onSearch={(v) => onChange(v.trim())}
        placeholder="输入12位村/社区代码"
        enterButton="打开"
        style={{ maxWidth: 360, marginBottom: 16 }}
        data-testid="community-picker"
      />
    );
  return (
    <Select
      showSearch
      optionFilterProp="label"
      value={value || undefined}
      onChange={onChange}
      options={options}
      loading={named.some((q) => q.isLoading) || lists.some((q) => q.isLoading)}
      placeholder="选择村/社区"
      style={{ minWidth: 320, marginBottom: 16 }}
      data-testid="community-picker"
    />
  );
}
